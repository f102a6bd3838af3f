import { compileMathExpression } from "./metricMath";
import { MetricStore } from "./metrics";
import { AlarmModel } from "./stackModel";

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

/** One evaluation: the new state and the newest datapoint's value (what a step policy compares with bounds). */
export interface AlarmEvaluation {
    readonly state: AlarmState;
    readonly value: number | undefined;
}

/**
 * Evaluates an alarm the way CloudWatch does ("Evaluating an alarm", "Configuring how CloudWatch alarms treat
 * missing data", Amazon CloudWatch User Guide): the last `evaluationPeriods` complete periods, ALARM when at least
 * `datapointsToAlarm` breach; missing datapoints are breaching / not breaching / skipped (`missing`: all missing
 * is INSUFFICIENT_DATA; `ignore`: all missing keeps the current state).
 */
export class AlarmEvaluator {
    private readonly value: (start: number) => number | undefined;
    state: AlarmState = "INSUFFICIENT_DATA";

    constructor(readonly alarm: AlarmModel, metrics: MetricStore, private readonly publicationDelay: number) {
        const component = (id: string) => alarm.metrics[id].dimensions.InferenceComponentName ?? "";
        if (alarm.expression === undefined) {
            const m = alarm.metrics.m;
            this.value = (start) => metrics.query(m.metricName, component("m"), m.stat, start, alarm.period);
        } else {
            const compiled = compileMathExpression(alarm.expression);
            const ids = Object.keys(alarm.metrics);
            this.value = (start) => {
                const scope: Record<string, number | undefined> = {};
                for (const id of ids) {
                    const m = alarm.metrics[id];
                    scope[id] = metrics.query(m.metricName, component(id), m.stat, start, alarm.period);
                }
                return compiled(scope);
            };
        }
    }

    /** Evaluates at `now` on the periods complete `publicationDelay` seconds ago; updates and returns the state. */
    evaluate(now: number): AlarmEvaluation {
        const { period, evaluationPeriods, datapointsToAlarm, treatMissingData } = this.alarm;
        const lastEnd = Math.floor((now - this.publicationDelay) / period) * period;
        let breaching = 0;
        let present = 0;
        let newest: number | undefined;
        for (let i = 0; i < evaluationPeriods; i++) {
            const v = this.value(lastEnd - (i + 1) * period);
            if (v === undefined) {
                if (treatMissingData === "breaching") {
                    breaching++;
                }
                continue;
            }
            present++;
            newest ??= v;
            if (this.breaches(v)) {
                breaching++;
            }
        }
        if (breaching >= datapointsToAlarm) {
            this.state = "ALARM";
        } else if (present === 0 && treatMissingData === "missing") {
            this.state = "INSUFFICIENT_DATA";
        } else if (!(present === 0 && treatMissingData === "ignore")) {
            this.state = "OK";
        }
        return { state: this.state, value: newest };
    }

    breaches(value: number): boolean {
        const t = this.alarm.threshold;
        switch (this.alarm.comparison) {
            case "GreaterThanOrEqualToThreshold":
                return value >= t;
            case "GreaterThanThreshold":
                return value > t;
            case "LessThanThreshold":
                return value < t;
            case "LessThanOrEqualToThreshold":
                return value <= t;
            default:
                throw new Error(`twin: alarm ${this.alarm.name}: comparison ${JSON.stringify(this.alarm.comparison)} is not supported`);
        }
    }
}
