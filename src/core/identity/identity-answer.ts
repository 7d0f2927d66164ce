// A verification in a person's words, two facts apart: whether AWS signed the document (the
// customer did not forge it), and whether it confirms what was expected of it (the instance runs
// the product, in the customer's account). A genuine document without the product code is
// authentic AND not a confirmation: one headline for both read as a forgery.
import { daysBetween, EXPECTATION_CHECKS, startedAt, utcWords } from './document';
import type { IdentityVerification } from './verify';

/** One fact: its verdict word(s) ("Authentic", "Not signed by AWS", "Confirmed", ...) and the sentence after it. */
export interface IdentityFact {
  verdict: string;
  text: string;
  ok: boolean;
}

/** The verification in words: both facts, and when the instance started (undefined without a pendingTime). */
export interface IdentityAnswer {
  authenticity: IdentityFact;
  confirmation: IdentityFact;
  /** e.g. "The instance started 2016-04-08 03:01:38 UTC, 3,895 days before 2026-12-07." */
  started?: string;
}

/** The words for `v`; `now` only dates the instance's start (default: the current time). */
export function identityAnswer(v: IdentityVerification, now = new Date()): IdentityAnswer {
  const failed = (expectation: boolean) =>
    v.checks
      .filter((c) => !c.ok && EXPECTATION_CHECKS.has(c.name) === expectation)
      .map((c) => c.detail);
  const field = (name: string, unknown: string) =>
    typeof v.document[name] === 'string' ? v.document[name] : unknown;
  const what = `instance ${field('instanceId', 'unknown')} of account ${field('accountId', 'unknown')} in ${field('region', 'an unknown region')}`;
  const unsigned = failed(false).join('; ');
  const authenticity: IdentityFact = v.verified
    ? {
        verdict: 'Authentic',
        ok: true,
        text: `AWS signed this document (checked with ${v.certificate}); the customer did not forge it.`,
      }
    : v.checks.some((c) => c.name === 'certificate' && !c.ok)
      ? { verdict: 'Not checked', ok: false, text: `${unsigned}.` }
      : {
          verdict: v.certificate === null ? 'Not signed by AWS' : 'Not authentic',
          ok: false,
          text: `${unsigned}.`,
        };
  const unmet = failed(true);
  const confirmation: IdentityFact = !v.verified
    ? {
        verdict: 'Not a confirmation',
        ok: false,
        text: 'a document AWS did not sign proves nothing about an instance.',
      }
    : unmet.length > 0
      ? { verdict: 'Not a confirmation', ok: false, text: `${unmet.join('; ')}.` }
      : v.product
        ? { verdict: 'Confirmed', ok: true, text: `${what} runs product ${v.product.code}.` }
        : {
            verdict: 'No product checked',
            ok: true,
            text: `the document names ${what}; no product code was given to confirm the instance runs it.`,
          };
  const start = startedAt(v.document);
  return start
    ? {
        authenticity,
        confirmation,
        started: `The instance started ${utcWords(start)}, ${daysBetween(start, now).toLocaleString('en-US')} days ago.`,
      }
    : { authenticity, confirmation };
}
