import type { Lithium } from '../contract';
import type { Dimensions, LimitFinding, MarketplaceRules, ServiceLimits } from './limits';
import { checkMarketplaceRules, checkServiceLimits, volumetricWeightG } from './limits';

// Decides, for one package, which findings block a label and which services may carry it.
// The renderer may call this for instant feedback; the main process calls it for the
// decision it stores. Thin for now: the box-and-weight issue deepens compliance.

export type PackedUnit = {
  sku: string;
  unitWeightG: number | null;
  lithium: Lithium;
  lithiumDoc: string | null;
  hazmatClass: string | null;
};

export type ServiceRules = {
  id: string;
  limits: ServiceLimits;
  volumetricDivisor: number | null;
  acceptsLithium: Lithium[];
  acceptsDangerousGoods: boolean;
  rangeRemaining: number;
};

export type Finding = {
  code: string;
  severity: 'block' | 'warn';
  message: string;
  data: Record<string, string | number | boolean | null>;
};

export type ServiceVerdict = { serviceId: string; eligible: boolean; findings: Finding[]; billableWeightG: number | null };

export type PackageFacts = { outer: Dimensions | null; weightG: number | null; units: PackedUnit[] };

function fromLimit(finding: LimitFinding): Finding {
  const subject = finding.subject === undefined ? '' : ` (${finding.subject})`;
  const show = (value: number) => (finding.unit === 'g' ? `${(value / 1000).toFixed(2)} kg` : `${(value / 10).toFixed(1)} cm`);
  return {
    code: finding.code,
    severity: finding.severity,
    message: `${finding.code}${subject}: ${show(finding.value)} is over the limit of ${show(finding.limit)}`,
    data: {
      limit: finding.limit,
      value: finding.value,
      unit: finding.unit,
      subject: finding.subject ?? null,
    },
  };
}

/** Findings about the package itself, whatever the carrier: the marketplace's rules and compliance. */
export function packageFindings(rules: MarketplaceRules, facts: PackageFacts): Finding[] {
  const findings: Finding[] = [];
  for (const sku of new Set(facts.units.filter((unit) => unit.hazmatClass).map((unit) => unit.sku))) {
    const unit = facts.units.find((candidate) => candidate.sku === sku);
    findings.push({
      code: 'DANGEROUS_GOODS_FORBIDDEN',
      severity: 'block',
      message: `${sku} is dangerous goods (class ${unit?.hazmatClass ?? '?'}) and must not be shipped.`,
      data: { subject: sku, hazmatClass: unit?.hazmatClass ?? null },
    });
  }
  for (const sku of new Set(facts.units.filter((unit) => unit.lithium !== 'none' && !unit.lithiumDoc).map((unit) => unit.sku))) {
    findings.push({
      code: 'LITHIUM_DOC_MISSING',
      severity: 'block',
      message: `${sku} contains a lithium battery and has no battery document (e.g. UN38.3 test summary) on file.`,
      data: { subject: sku },
    });
  }
  if (facts.outer && facts.weightG !== null) {
    const limitFindings = checkMarketplaceRules(rules, {
      outer: facts.outer,
      units: facts.units.map((unit) => ({ sku: unit.sku, unitWeightG: unit.unitWeightG })),
      packageWeightG: facts.weightG,
    });
    findings.push(...limitFindings.map(fromLimit));
  }
  return findings;
}

/** Which services may carry this package, each with the findings that decide it. */
export function serviceVerdicts(services: ServiceRules[], facts: PackageFacts, packageLevel: Finding[]): ServiceVerdict[] {
  const packageBlocked = packageLevel.some((finding) => finding.severity === 'block');
  return services.map((service) => {
    const findings: Finding[] = [];
    let billableWeightG: number | null = null;
    if (facts.outer && facts.weightG !== null) {
      findings.push(...checkServiceLimits(service.limits, facts.outer, facts.weightG).map(fromLimit));
      billableWeightG =
        service.volumetricDivisor === null
          ? facts.weightG
          : Math.max(facts.weightG, volumetricWeightG(facts.outer, service.volumetricDivisor));
    }
    const lithiumKinds = new Set(facts.units.map((unit) => unit.lithium).filter((kind) => kind !== 'none'));
    for (const kind of lithiumKinds) {
      if (!service.acceptsLithium.includes(kind)) {
        findings.push({
          code: 'SERVICE_REFUSES_LITHIUM',
          severity: 'block',
          message: `This service does not accept lithium batteries of the kind "${kind}".`,
          data: { lithium: kind },
        });
      }
    }
    if (!service.acceptsDangerousGoods && facts.units.some((unit) => unit.hazmatClass)) {
      findings.push({
        code: 'SERVICE_REFUSES_DANGEROUS_GOODS',
        severity: 'block',
        message: 'This service does not accept dangerous goods.',
        data: {},
      });
    }
    if (service.rangeRemaining <= 0) {
      findings.push({
        code: 'TRACKING_RANGE_EXHAUSTED',
        severity: 'block',
        message: 'No tracking numbers are left in this service\'s ranges; add a new range from the carrier.',
        data: {},
      });
    }
    const measured = facts.outer !== null && facts.weightG !== null;
    const eligible = measured && !packageBlocked && !findings.some((finding) => finding.severity === 'block');
    return { serviceId: service.id, eligible, findings, billableWeightG };
  });
}
