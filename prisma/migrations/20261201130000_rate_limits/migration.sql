-- Rate limits where work is expensive or data is probed (issue 19, item 2), counted in
-- PostgreSQL so every API instance enforces the same budget. One row per (route kind,
-- throttler, caller): the hits in the current fixed window, and until when the caller is
-- blocked once over the limit. Rows are tiny and overwritten in place.
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "window_ends" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3),
    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
