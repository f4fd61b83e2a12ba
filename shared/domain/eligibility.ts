import type { Lithium } from '../contract';
import { checkPackageCompliance, checkServiceLithium, DEFAULT_COMPLIANCE_CONFIG, declaredValueByCurrency, lithiumMarkRequired } from './compliance';
import type { ComplianceConfig, ComplianceItem } from './compliance';
import { checkCustomsData, customsFormFor, DEFAULT_CUSTOMS_FORM_POLICY, DEFAULT_CUSTOMS_RULES, isInternational } from './customs';
import type { CustomsForm, CustomsItem } from './customs';
import type { Dimensions, LimitFinding, MarketplaceRules, ServiceLimits, VolumetricRule } from './limits';
import { billableWeight, checkMarketplaceRules, checkServiceLimits, volumetricWeightFor, volumetricWeightG } from './limits';

// Decides, for one package, which findings block a label and which services may carry it:
// the marketplace's own rules, compliance (dangerous goods, lithium documents, insurance),
// customs data for international parcels, and each service's limits and acceptance. The
// renderer may call this for instant feedback; the main process calls it for the decision
// it stores.

/** One line of the package: the units of one SKU in it, with what the catalogue says of them. */
export type PackedLine = {
  sku: string;
  quantity: number;
  unitWeightG: number | null;
  lithium: Lithium;
  lithiumDoc: string | null;
  lithiumDocExpires: string | null;
  cells: number | null;
  batteries: number | null;
  hazmatClass: string | null;
  unitValueMinor: number | null;
  currency: string | null;
  hsCode: string | null;
  descriptionEn: string | null;
  originCountry: string | null;
};

export type ServiceRules = {
  id: string;
  network: 'postal' | 'express';
  limits: ServiceLimits;
  volumetricDivisor: number | null;
  volumetricRule: VolumetricRule | null;
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

export type ServiceVerdict = { serviceId: string; eligible: boolean; findings: Finding[]; billableWeightG: number | null; customsForm: CustomsForm | null };

export type PackageFacts = {
  outer: Dimensions | null;
  weightG: number | null;
  lines: PackedLine[];
  /** The station's local date, YYYY-MM-DD: battery documents are valid through their expiry day. */
  shipDate: string;
  insured: boolean;
  fromCountry: string;
  toCountry: string;
};

export type EligibilityConfig = { compliance: ComplianceConfig };

export const DEFAULT_ELIGIBILITY_CONFIG: EligibilityConfig = { compliance: DEFAULT_COMPLIANCE_CONFIG };

const TOO_SMALL = new Set(['SERVICE_TOO_SMALL', 'SERVICE_ROLL_TOO_SMALL']);

function fromLimit(finding: LimitFinding): Finding {
  const subject = finding.subject === undefined ? '' : ` (${finding.subject})`;
  const show = (value: number) => (finding.unit === 'g' ? `${(value / 1000).toFixed(2)} kg` : `${(value / 10).toFixed(1)} cm`);
  const relation = TOO_SMALL.has(finding.code) ? 'under the minimum of' : 'over the limit of';
  return {
    code: finding.code,
    severity: finding.severity,
    message: `${finding.code}${subject}: ${show(finding.value)} is ${relation} ${show(finding.limit)}`,
    data: { limit: finding.limit, value: finding.value, unit: finding.unit, subject: finding.subject ?? null },
  };
}

function complianceItems(lines: PackedLine[]): ComplianceItem[] {
  return lines.map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    hazmatClass: line.hazmatClass,
    lithium: line.lithium,
    lithiumDoc: line.lithiumDoc === null ? null : { reference: line.lithiumDoc, expiresOn: line.lithiumDocExpires },
    cells: line.cells,
    batteries: line.batteries,
    unitValueMinor: line.unitValueMinor,
    currency: line.currency,
  }));
}

function customsItems(lines: PackedLine[]): CustomsItem[] {
  return lines.map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    hsCode: line.hsCode,
    descriptionEn: line.descriptionEn,
    originCountry: line.originCountry,
    unitValueMinor: line.unitValueMinor,
    currency: line.currency,
  }));
}

/** Findings about the package itself, whatever the carrier: the marketplace's rules, compliance, customs. */
export function packageFindings(rules: MarketplaceRules, facts: PackageFacts, config: EligibilityConfig = DEFAULT_ELIGIBILITY_CONFIG): Finding[] {
  const lines = facts.lines.filter((line) => line.quantity > 0);
  const findings: Finding[] = [
    ...checkPackageCompliance(complianceItems(lines), { shipDate: facts.shipDate, insured: facts.insured }, config.compliance),
  ];
  if (isInternational(facts.fromCountry, facts.toCountry)) {
    findings.push(...checkCustomsData({ fromCountry: facts.fromCountry, toCountry: facts.toCountry, items: customsItems(lines) }, DEFAULT_CUSTOMS_RULES));
  }
  if (facts.outer && facts.weightG !== null) {
    const units = lines.flatMap((line) => Array.from({ length: line.quantity }, () => ({ sku: line.sku, unitWeightG: line.unitWeightG })));
    findings.push(...checkMarketplaceRules(rules, { outer: facts.outer, units, packageWeightG: facts.weightG }).map(fromLimit));
  }
  return findings;
}

/** Whether the package needs the lithium battery mark on its label. */
export function needsLithiumMark(facts: Pick<PackageFacts, 'lines'>): boolean {
  return lithiumMarkRequired(complianceItems(facts.lines));
}

function declaredTotal(lines: PackedLine[]): { valueMinor: number; currency: string } | null {
  const declared = declaredValueByCurrency(complianceItems(lines));
  const [only] = declared.totals;
  return declared.totals.length === 1 && only ? only : null;
}

/** Which services may carry this package, each with the findings that decide it. */
export function serviceVerdicts(services: ServiceRules[], facts: PackageFacts, packageLevel: Finding[]): ServiceVerdict[] {
  const packageBlocked = packageLevel.some((finding) => finding.severity === 'block');
  const lines = facts.lines.filter((line) => line.quantity > 0);
  const international = isInternational(facts.fromCountry, facts.toCountry);
  const declared = declaredTotal(lines);
  return services.map((service) => {
    const findings: Finding[] = [];
    let billableWeightG: number | null = null;
    if (facts.outer && facts.weightG !== null) {
      findings.push(...checkServiceLimits(service.limits, facts.outer, facts.weightG).map(fromLimit));
      if (service.volumetricRule) {
        billableWeightG = billableWeight(facts.weightG, volumetricWeightFor(service.volumetricRule, facts.outer), service.volumetricRule);
      } else {
        billableWeightG =
          service.volumetricDivisor === null ? facts.weightG : Math.max(facts.weightG, volumetricWeightG(facts.outer, service.volumetricDivisor));
      }
    }
    findings.push(...checkServiceLithium(complianceItems(lines), { network: service.network, accepts: service.acceptsLithium }));
    if (!service.acceptsDangerousGoods && lines.some((line) => line.hazmatClass)) {
      findings.push({ code: 'SERVICE_REFUSES_DANGEROUS_GOODS', severity: 'block', message: 'This service does not accept dangerous goods.', data: {} });
    }
    if (service.rangeRemaining <= 0) {
      findings.push({
        code: 'TRACKING_RANGE_EXHAUSTED',
        severity: 'block',
        message: "No tracking numbers are left in this service's ranges; add a new range from the carrier.",
        data: {},
      });
    }
    const customsForm = international && declared ? customsFormFor(service.network, declared, DEFAULT_CUSTOMS_FORM_POLICY) : null;
    const measured = facts.outer !== null && facts.weightG !== null;
    const eligible = measured && !packageBlocked && !findings.some((finding) => finding.severity === 'block');
    return { serviceId: service.id, eligible, findings, billableWeightG, customsForm };
  });
}
