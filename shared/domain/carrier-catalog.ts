// The carrier and service catalogue as data: what each service costs, where it goes, how long
// it takes and when the carrier collects. Imported from JSON or CSV (shared/import/carrier-catalog.ts),
// stored in SQLite, edited in settings, and read by the choice engine (shared/domain/service-choice.ts).
//
// Units: weights in grams, money in minor units of the rate card's currency, dates as the
// station's local YYYY-MM-DD, times as the station's local HH:MM, weekdays ISO (1 = Monday).

import type { Lithium } from '../contract';
import type { DatedServiceLimits, ServiceLimits, VolumetricRule } from './limits';
import type { TrackingFormat } from './tracking';

/** How fast a service is, in the marketplace's terms; the order's ship service level asks for one. */
export type ServiceSpeed = 'economy' | 'standard' | 'expedited' | 'priority' | 'next-day';

export const SERVICE_SPEEDS: readonly ServiceSpeed[] = ['economy', 'standard', 'expedited', 'priority', 'next-day'];

/**
 * Where a service's numbers come from: the bench's own carrier-assigned ranges, labels the
 * carrier printed in advance (the packer scans one), or an online purchase.
 */
export type TrackingSource = 'range' | 'pre-printed' | 'online';

/** One weight break of one zone: a parcel of billable weight up to `upToG` costs `priceMinor`. */
export type RateRow = { zone: string; upToG: number; priceMinor: number };

export type RateCard = {
  currency: string;
  rows: RateRow[];
  /**
   * Beyond a zone's last break: the price for each started kilogram over it. A zone without
   * an entry has no price past its last break (the service cannot quote the parcel).
   */
  perExtraKgMinor?: Record<string, number>;
};

/** A surcharge on top of the rate card, before fuel: per package, or per started billable kg. */
export type Surcharge = {
  code: string;
  kind: 'per-package' | 'per-kg';
  amountMinor: number;
  /** Applies only from this billable weight (e.g. DHL's overweight piece over 70 kg). */
  fromBillableG?: number;
  /** Applies only to these zones; all zones when absent. */
  zones?: string[];
};

/** The routing barcodes a carrier can ask for: GS1-128 with AI 421, ship-to postcode with country. */
export const LABEL_ROUTING_BARCODES = ['gs1-128-421'] as const;
export type LabelRoutingBarcode = (typeof LABEL_ROUTING_BARCODES)[number];

export const LABEL_2D_BARCODES = ['qr', 'datamatrix'] as const;
export type Label2dBarcode = (typeof LABEL_2D_BARCODES)[number];

/**
 * Barcodes a carrier wants on its label besides the Code 128 tracking number: a GS1-128
 * routing barcode, and a 2D code (tracking, destination, weight, order; see
 * shippingLabel2dData). Neither by default.
 */
export type LabelBarcodeOptions = { routing?: LabelRoutingBarcode; twoD?: Label2dBarcode };

/** Transit time to a zone in the carrier's working days, counted from the ship date. */
export type TransitDays = { minDays: number; maxDays: number };

export type CatalogService = {
  id: string;
  carrierId: string;
  carrierName: string;
  /** The marketplace's carrier code (Amazon's carrier drop-down) and ship-method name. */
  marketplaceCarrierCode: string;
  shipMethod: string;
  nameEn: string;
  nameZh: string;
  trackingFormat: TrackingFormat;
  trackingSource: TrackingSource;
  network: 'postal' | 'express';
  speed: ServiceSpeed;
  /** One set of limits, or several with the dates they take effect. */
  limits: ServiceLimits | DatedServiceLimits;
  volumetricRule: VolumetricRule | null;
  acceptsLithium: Lithium[];
  acceptsDangerousGoods: boolean;
  /**
   * Destinations and their zones: ISO country code → zone name. The key '*' is every country
   * not listed. A country that maps to nothing is not served.
   */
  zones: Record<string, string>;
  /** Zone → transit time. A served zone without a transit entry has no delivery estimate. */
  transit: Record<string, TransitDays>;
  rateCard: RateCard;
  surcharges: Surcharge[];
  /** Percent of the rate and surcharges, e.g. 18.5. */
  fuelSurchargePercent: number;
  /** The last time of day a parcel can be handed over for today's collection, HH:MM local. */
  cutoff: string;
  /** ISO weekdays the carrier collects (1 = Monday … 7 = Sunday). */
  pickupDays: number[];
  /** ISO weekdays the carrier moves and delivers parcels; transit days count only these. */
  workingDays: number[];
  /** Dates (YYYY-MM-DD) the carrier neither collects nor counts as transit days. */
  holidays: string[];
  /** Whether the carrier lets a voided tracking number be issued again. Most do not. */
  voidedNumbersReusable: boolean;
  active: boolean;
  /** Extra barcodes the carrier wants on its label; absent means none. */
  labelBarcodes?: LabelBarcodeOptions;
};

/**
 * The commercial part of a service, stored as one document beside the service's own columns.
 * The label barcodes ride along in it: a document field needs no schema migration.
 */
export type CatalogOffer = Pick<
  CatalogService,
  'zones' | 'transit' | 'rateCard' | 'surcharges' | 'fuelSurchargePercent' | 'cutoff' | 'pickupDays' | 'workingDays' | 'holidays' | 'labelBarcodes'
>;

export function offerOf(service: CatalogService): CatalogOffer {
  return {
    zones: service.zones,
    transit: service.transit,
    rateCard: service.rateCard,
    surcharges: service.surcharges,
    fuelSurchargePercent: service.fuelSurchargePercent,
    cutoff: service.cutoff,
    pickupDays: service.pickupDays,
    workingDays: service.workingDays,
    holidays: service.holidays,
    ...(service.labelBarcodes ? { labelBarcodes: service.labelBarcodes } : {}),
  };
}
