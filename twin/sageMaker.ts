import { ColdStartSampler } from "./coldStart";
import { knownTypesLike } from "../components/limits/instanceTypes";
import { INSTANCE_CAPACITY, InstanceCapacity } from "./instanceTypes";
import { ComponentModel, CopyCompute, EndpointModel } from "./stackModel";

/**
 * Capacity scenario of one endpoint: which instance types have no capacity (a wake then falls back to the next
 * instance pool, as SageMaker does on an insufficient-capacity error), the capacity of the fallback types, and how
 * much faster a copy starts from the data cache.
 */
export interface CapacityScenario {
    /** Instance types that cannot be launched during the run. Default: none. */
    readonly unavailableInstanceTypes?: readonly string[];
    /** Capacity of instance types missing from the built-in table (fallback pools). */
    readonly capacities?: Readonly<Record<string, InstanceCapacity>>;
    /** Copy start time with the data cache, as a share of the uncached time. Default `DATA_CACHE_COPY_FACTOR`. */
    readonly dataCacheCopyFactor?: number;
}

/**
 * Published: container caching cut a Qwen3-8B scale-out from 525 s to 258 s (AWS, SageMaker inference container
 * caching, 2025). Applied here to the copy start only, on an instance that already held a copy of the component:
 * that the whole saving falls on the copy (image pull and weight download) is the twin's reading.
 */
export const DATA_CACHE_COPY_FACTOR = 258 / 525;

interface Instance {
    readonly id: number;
    readonly type: string;
    readonly readyAt: number;
    /** Components whose image and weights this instance has held (the data cache). */
    readonly cached: Set<string>;
    /** When the instance last became empty (no copies); undefined while it holds copies. */
    emptySince?: number;
}

interface Copy {
    readonly component: string;
    readonly instance: Instance;
    readonly servingAt: number;
}

/**
 * One endpoint with managed instance scaling and its inference components ("Inference components", "Managed
 * instance scaling", SageMaker Developer Guide): copies are placed on instances that have the accelerators,
 * memory and CPU every copy on them needs; with no room, an instance is launched (up to the maximum) and the copy
 * starts once it is ready. An instance left without copies is released after the ScaleInPolicy cooldown
 * (default 10 minutes, the seed's measurement), never below the minimum instance count.
 */
export class EndpointTwin {
    private readonly instances: Instance[] = [];
    private readonly copies: Copy[] = [];
    private readonly desired = new Map<string, number>();
    private nextId = 0;
    instanceSeconds = 0;
    /** Billed instance-seconds by instance type: which pools served (a fallback shows up here). */
    readonly instanceSecondsByType: Record<string, number> = {};
    /** Every copy placed after create: when it was asked for and when it serves (exact, not rounded to a tick). */
    readonly copyStarts: { component: string; requestedAt: number; servingAt: number; instanceType: string; cached: boolean }[] = [];
    /** Whether `copyStarts` is filled (off for long runs). */
    recordCopyStarts = true;
    private lastAccounted: number;
    private readonly capacities: Record<string, InstanceCapacity>;
    private readonly types: readonly string[];

    constructor(
        readonly endpoint: EndpointModel,
        readonly components: readonly ComponentModel[],
        private readonly coldStart: ColdStartSampler,
        private readonly releaseSeconds: number,
        start: number,
        startCold = false,
        capacity: InstanceCapacity | undefined = INSTANCE_CAPACITY[endpoint.instanceType],
        private readonly scenario: CapacityScenario = {},
    ) {
        this.types = endpoint.instanceTypes ?? [endpoint.instanceType];
        this.capacities = {};
        for (const type of this.types) {
            const c = type === endpoint.instanceType ? capacity : scenario.capacities?.[type] ?? INSTANCE_CAPACITY[type];
            if (!c) {
                throw new Error(`twin: instance type ${type} has no capacity entry (known: ${knownTypesLike(type).join(", ")}, ...); pass instanceCapacity`);
            }
            this.capacities[type] = c;
        }
        this.lastAccounted = start;
        // As just created (initial instances and copies serving), or idle (no copy, the minimum of instances).
        const instances = startCold ? endpoint.minInstances : endpoint.initialInstances;
        for (let i = 0; i < instances; i++) {
            const type = this.availableType();
            if (type !== undefined) {
                this.instances.push({ id: this.nextId++, type, readyAt: start, emptySince: start, cached: new Set() });
            }
        }
        for (const c of components) {
            this.desired.set(c.name, 0);
        }
        for (const c of startCold ? [] : components) {
            this.setDesired(c.name, c.initialCopies, start, true);
        }
    }

    desiredCopies(component: string): number {
        return this.desired.get(component) ?? 0;
    }

    servingCopies(component: string, now: number): number {
        return this.copies.filter((c) => c.component === component && c.servingAt <= now).length;
    }

    /** Placed copies, serving or still starting. */
    placedCopies(component: string): number {
        return this.copies.filter((c) => c.component === component).length;
    }

    /** Instances billed at `now` (launched, ready or not). */
    instanceCount(): number {
        return this.instances.length;
    }

    /** No copy wanted or placed, and no instance above the minimum (nothing will change on its own). */
    isQuiet(): boolean {
        return (
            this.copies.length === 0 &&
            [...this.desired.values()].every((d) => d === 0) &&
            this.instances.length <= this.endpoint.minInstances
        );
    }

    /** Sets a component's desired copy count and places or removes copies at once. */
    setDesired(component: string, copies: number, now: number, instant = false): void {
        this.account(now);
        this.desired.set(component, copies);
        const mine = this.copies.filter((c) => c.component === component);
        // Copies still starting are removed first, then the newest.
        mine.sort((a, b) => b.servingAt - a.servingAt);
        for (const copy of mine.slice(0, Math.max(0, mine.length - copies))) {
            this.copies.splice(this.copies.indexOf(copy), 1);
            this.markEmpty(copy.instance, now);
        }
        this.place(now, instant);
    }

    /** Advances time: places copies waiting for room and releases instances empty for long enough. */
    tick(now: number): void {
        this.account(now);
        this.place(now, false);
        const step = this.endpoint.scaleIn?.maximumStepSize ?? Infinity;
        let released = 0;
        for (const instance of [...this.instances]) {
            if (this.instances.length <= this.endpoint.minInstances || released >= step) {
                break;
            }
            if (instance.emptySince !== undefined && now - instance.emptySince >= this.releaseSeconds) {
                this.instances.splice(this.instances.indexOf(instance), 1);
                released++;
            }
        }
    }

    private place(now: number, instant: boolean): void {
        for (const component of this.components) {
            let missing = this.desiredCopies(component.name) - this.placedCopies(component.name);
            while (missing > 0) {
                const instance = this.instances.find((i) => this.fits(i, component)) ?? this.launch(now, instant);
                if (!instance) {
                    break; // at the maximum instance count: the copy waits for room
                }
                const start = Math.max(now, instance.readyAt);
                // The cache holds what this instance already ran; a fresh instance has nothing cached.
                const cached = component.dataCache === true && instance.cached.has(component.name);
                const copySeconds = this.coldStart().copySeconds * (cached ? this.scenario.dataCacheCopyFactor ?? DATA_CACHE_COPY_FACTOR : 1);
                const servingAt = instant ? now : start + copySeconds;
                this.copies.push({ component: component.name, instance, servingAt });
                instance.cached.add(component.name);
                if (!instant && this.recordCopyStarts) {
                    this.copyStarts.push({ component: component.name, requestedAt: now, servingAt, instanceType: instance.type, cached });
                }
                instance.emptySince = undefined;
                missing--;
            }
        }
    }

    private launch(now: number, instant: boolean): Instance | undefined {
        if (this.instances.length >= this.endpoint.maxInstances) {
            return undefined;
        }
        const type = this.availableType();
        if (type === undefined) {
            return undefined; // every pool is out of capacity: the copy waits
        }
        const instance = { id: this.nextId++, type, readyAt: instant ? now : now + this.coldStart().instanceSeconds, cached: new Set<string>() };
        this.instances.push(instance);
        return instance;
    }

    /** The highest-priority instance type that has capacity (SageMaker tries the pools in priority order). */
    private availableType(): string | undefined {
        return this.types.find((t) => !(this.scenario.unavailableInstanceTypes ?? []).includes(t));
    }

    private computeOn(component: ComponentModel, type: string): CopyCompute {
        return component.computeByType?.[type] ?? component;
    }

    private fits(instance: Instance, component: ComponentModel): boolean {
        const capacity = this.capacities[instance.type];
        let accelerators = 0;
        let memory = 0;
        let cpu = 0;
        for (const copy of this.copies) {
            if (copy.instance === instance) {
                const c = this.computeOn(this.components.find((x) => x.name === copy.component)!, instance.type);
                accelerators += c.accelerators;
                memory += c.memoryMiB;
                cpu += c.cpuCores;
            }
        }
        const mine = this.computeOn(component, instance.type);
        return (
            accelerators + mine.accelerators <= capacity.accelerators &&
            memory + mine.memoryMiB <= capacity.memoryMiB &&
            cpu + mine.cpuCores <= capacity.cpuCores
        );
    }

    private markEmpty(instance: Instance, now: number): void {
        if (!this.copies.some((c) => c.instance === instance)) {
            instance.emptySince = now;
        }
    }

    private account(now: number): void {
        const elapsed = now - this.lastAccounted;
        this.instanceSeconds += this.instances.length * elapsed;
        for (const instance of this.instances) {
            this.instanceSecondsByType[instance.type] = (this.instanceSecondsByType[instance.type] ?? 0) + elapsed;
        }
        this.lastAccounted = now;
    }
}
