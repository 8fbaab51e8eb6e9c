/** The programme's targets from seed 001 (the brand brief), shown beside the dashboard figures. */
export const TARGETS = {
  /** Share of buyers in a range who buy at least twice. */
  repurchaseRate: 0.3,
  /** Core-user average revenue per user, yuan per 30 days. */
  coreArpuYuanPerMonth: 800,
} as const;

/** Two or more purchases in the range make a member a core user (docs/console-api-campaigns.md#dashboard). */
export const CORE_USER_MIN_ORDERS = 2;
