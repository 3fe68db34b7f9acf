// The patient's consents (what each party may see): the writes, as hooks. The views keep
// what is asked and said; these say what is sent and which cached reads it makes stale.
import {
  type Category,
  type ConsentParty,
  consentSchema,
  type ConsentView,
  type GrantConsentRequest,
} from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

/** The consents in force that let `party` see `category`. */
export function activeConsentsFor(
  consents: readonly ConsentView[],
  party: ConsentParty,
  category: Category,
): ConsentView[] {
  return consents.filter((c) => c.active && c.party === party && c.categories.includes(category));
}

/** One category shared with one party, or no longer; `consents` are the case's as read. */
export interface ConsentChange {
  party: ConsentParty;
  category: Category;
  action: 'share' | 'stop';
  consents: readonly ConsentView[];
}

/**
 * Shares a category with a party (POST …/consents, with `confirmMedicalToEmployer` for
 * medical details to the employer, which the patient has confirmed), or stops sharing it. A
 * consent covers several categories, so stopping one revokes each consent in force that
 * covers it (DELETE …/consents/:cid) and grants again, at once after each, what it still
 * shared (same party and expiry). The whole case is refreshed before `onSuccess`: what a
 * party may see changes what every view of the case shows, not only the consents.
 */
export function useChangeConsent(workspaceId: string, handlers: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  const base = `/workspaces/${workspaceId}/consents`;
  return useMutation({
    mutationFn: async ({ party, category, action, consents }: ConsentChange) => {
      if (action === 'share') {
        const body: GrantConsentRequest = { party, categories: [category] };
        if (party === 'EMPLOYER' && category === 'MEDICAL') body.confirmMedicalToEmployer = true;
        await api(base, consentSchema, { method: 'POST', body });
        return;
      }
      // A consent covers several categories: revoke it, and grant again what stays shared.
      for (const consent of activeConsentsFor(consents, party, category)) {
        await api(`${base}/${consent.id}`, consentSchema, { method: 'DELETE' });
        const remaining = consent.categories.filter((c) => c !== category);
        if (remaining.length > 0) {
          const body: GrantConsentRequest = { party: consent.party, categories: remaining };
          if (consent.expiresAt) body.expiresAt = consent.expiresAt;
          if (consent.party === 'EMPLOYER' && remaining.includes('MEDICAL')) {
            body.confirmMedicalToEmployer = true;
          }
          await api(base, consentSchema, { method: 'POST', body });
        }
      }
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
      handlers.onSuccess?.();
    },
  });
}
