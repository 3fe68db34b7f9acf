import type { Role } from '@atergang/contracts';
import { useTranslation } from 'react-i18next';

/** Role names: `label` as a checkbox or list item says it, `sentence` for "… som chef och HR". */
export function useRoleNames(): {
  label: (role: Role) => string;
  sentence: (roles: readonly Role[]) => string;
} {
  const { t, i18n } = useTranslation();
  return {
    label: (role) => t(`admin.roles.${role}`),
    sentence: (roles) =>
      new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
        style: 'long',
        type: 'conjunction',
      }).format(roles.map((role) => t(`admin.rolesInSentence.${role}`))),
  };
}
