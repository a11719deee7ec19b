// Payroll use cases. For now the simulator, which reads and writes nothing: it evaluates the rules
// for one situation and answers. Salary requests and payroll runs will live here too, on the same
// evaluator.
import type { Language } from '../../domain/messages.ts';
import type { SimulationInput, SimulationView } from '../../domain/payroll/schemas.ts';
import { simulateSalary } from '../../domain/payroll/simulation.ts';
import { evaluateRules } from './rules.ts';

export const simulate = (input: SimulationInput, lang: Language): SimulationView =>
  simulateSalary(input, evaluateRules, lang);
