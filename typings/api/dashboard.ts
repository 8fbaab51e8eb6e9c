import type { KpiReport } from './campaign';

/**
 * The console dashboard (`campaign.dashboard`): every KPI of the chosen range, each figure as of
 * the range's end, with the programme's targets, and every table as CSV-ready rows with a stable
 * column list. Definitions: docs/console-api-campaigns.md#dashboard.
 */

/** A table the console can chart or download: `columns` never change order; cells are plain values. */
export interface CsvTable {
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

export interface WeekRow {
  /** Monday of the business week (China time), YYYY-MM-DD; the first week may start before `from`. */
  weekStart: string;
  newMembers: number;
  /** Members at the end of the week (or at `to` for the last, partial week). */
  members: number;
}

export interface Target {
  value: number | null;
  target: number;
  /** null when there is no value to compare. */
  met: boolean | null;
}

export interface Dashboard {
  range: { from: string; to: string };
  weeks: WeekRow[];
  /** Members who bought in the range / members as of the range's end. */
  activeRate: number | null;
  /** Repurchase rate (KpiReport.repurchaseRate) against the 30% target of seed 001. */
  repurchase: Target;
  /** Core users: members with two or more purchases in the range. ARPU: their net spend (yuan) per member per 30 days, against ¥800. */
  coreUsers: { count: number; netSpendYuan: number; arpuYuanPerMonth: number | null; target: Target };
  /** Outstanding points as of `to` times the configured point value. */
  liability: { points: number; pointValueFen: number; yuan: number };
  kpis: KpiReport;
  tables: {
    kpis: CsvTable;
    weeks: CsvTable;
    tiers: CsvTable;
    tierMovements: CsvTable;
    points: CsvTable;
    campaigns: CsvTable;
    variants: CsvTable;
  };
}
