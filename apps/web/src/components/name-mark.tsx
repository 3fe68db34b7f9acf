/**
 * Återgång's name mark: a path that turns back (the way back to work), the same drawing as
 * the favicon (public/favicon.svg). Decorative: the name beside it is the link text.
 */
export function NameMark() {
  return (
    <svg
      className="name-mark"
      viewBox="0 0 32 32"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="7" fill="#fff" />
      <path
        d="M8 10h11a6 6 0 0 1 0 12h-8M14.5 18 10.5 22l4 4"
        fill="none"
        stroke="#0b4f6c"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
