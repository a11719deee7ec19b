import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { simulationInput, simulationView } from '../../domain/payroll/schemas.ts';
import type { Deps } from '../context.ts';
import { languageOf } from '../http/problem.ts';
import { type RateLimit, rateLimitHook } from '../http/rate-limit.ts';
import * as service from './service.ts';

export const payrollRoutes =
  (deps: Deps, o: { simulationLimit: RateLimit }) => async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/v1/payroll/simulations',
      {
        onRequest: rateLimitHook(o.simulationLimit, deps.clock),
        schema: {
          tags: ['payroll'],
          summary: 'Simulate a month of salary with the URSSAF rules (public, rate-limited per address)',
          description: [
            'Start from one amount in `from` and get every other figure, each equal to the published URSSAF rules',
            '(modele-social, named in `ruleset`) rounded to the cent:',
            '',
            '- `grossCents`: the contractual gross salary, computed forward;',
            '- `employerCostCents` or `netCents` (net to pay before income tax): the gross is solved from it;',
            '- `invoicedCents`, with `invoicing.feeRateBp` and `invoicing.expensesCents`: the cooperative fee',
            '  and the expenses are taken from the invoice (excl. VAT), the rest is the employer cost.',
            '',
            'With `invoicing` and any other `from`, `invoicing.invoicedCents` in the answer is the smallest',
            'amount to invoice that pays this salary (target net → what to invoice). `withholdingRateBp` gives',
            '`netAfterTaxCents`. `lines` break the contributions down by family of the simplified payslip,',
            'adding up exactly to their totals; `notices` carry the rules’ warnings and any correction we apply',
            'to them.',
            '',
            'Refusals: 400 (invalid input, with pointers), 422 `payroll.period_not_covered`,',
            '`payroll.no_salary_for_amount`, `payroll.budget_not_positive`, `payroll.rules_incomplete`;',
            '429 `request.rate_limited` with `Retry-After`.',
          ].join('\n'),
          security: [],
          body: simulationInput,
          response: { 200: simulationView },
        },
      },
      (req) => service.simulate(req.body, languageOf(req)),
    );
  };
