/** Public API of the scale-to-zero planner. */
export type { ClientBehaviour, ResolvedClient } from "./client";
export { describeClient, resolveClient } from "./client";
export { PLANNER_DEFAULTS } from "./defaults";
export { LatencyHistogram } from "./histogram";
export type {
    AlwaysOnMode,
    IdleTimeoutMode,
    PlannerMode,
    ResolvedMode,
    StandardModeOptions,
    TargetTrackingMode,
    WeeklyScheduleMode,
} from "./modes";
export { modeName, resolveMode, standardModes } from "./modes";
export type { PlanOptions, PlanProgress, PlanResult } from "./plan";
export { planScaleToZero, planScaleToZeroSync } from "./plan";
export type { InstanceOverrides, InstanceType, ResolvedInstance } from "./prices";
export { INSTANCE_TYPES, PRICE_TABLE, resolveInstance } from "./prices";
export type { Recommendation, RecommendBudget } from "./recommend";
export { budgetProblems, budgetViolations, recommend } from "./recommend";
export type { ModeReport } from "./report";
export { withSavings } from "./report";
export type { PlannerSettings, ResolvedScaling } from "./settings";
export { resolvePlannerSettings, resolveScaling, scalingProblems } from "./settings";
export type { ScalingEvent, ScalingEventKind, SimulationCounters } from "./simulator";
export { ModeSimulator } from "./simulator";
export type { StackSettings } from "./stackSettings";
export { pickComponent, readStackSettings, stackFilePath, stackModes, stackSettingsFromConfig } from "./stackSettings";
export type { TimelinePoint } from "./timeline";
export { Timeline } from "./timeline";
export type { TimingOverrides, TimingProfile, TimingProfileName } from "./timingProfiles";
export { TIMING_PROFILES, resolveTimingProfile, timingProfileProblems } from "./timingProfiles";
export type { CsvOptions } from "./traffic/csv";
export { CsvTrafficParser, csvTraffic, parseTimestamp, readTrafficCsv } from "./traffic/csv";
export type {
    DevTrafficOptions,
    GeneratorOptions,
    SporadicTrafficOptions,
    TrafficPattern,
    WeekdayTrafficOptions,
} from "./traffic/generators";
export { TRAFFIC_PATTERNS, devTestTraffic, generatedTraffic, sporadicTraffic, weekdayTraffic } from "./traffic/generators";
export type { Traffic, TrafficRequest, TrafficSource } from "./traffic/types";
export type { WeeklyScheduleAction } from "./weeklySchedule";
export { WeeklySchedule, parseScheduleTime } from "./weeklySchedule";
export { planToJson } from "./format/json";
export { timelineSvg } from "./format/svg";
export { formatTable } from "./format/table";
export type { StackVariant } from "./twinModes";
export { stackVariant } from "./twinModes";
export type { TwinPlanOptions } from "./twinPlan";
export { planOnTwin } from "./twinPlan";
export type { RollingUpdateEstimate, StartTimes } from "./rollingUpdate";
export { copiesPerInstance, estimateRollingUpdate } from "./rollingUpdate";
