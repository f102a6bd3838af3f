import { ColdStartSampler } from "./coldStart";
import { knownTypesLike } from "../components/limits/instanceTypes";
import { INSTANCE_CAPACITY, InstanceCapacity } from "./instanceTypes";
import { ComponentModel, EndpointModel } from "./stackModel";

interface Instance {
    readonly id: number;
    readonly readyAt: number;
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
    /** Every copy placed after create: when it was asked for and when it serves (exact, not rounded to a tick). */
    readonly copyStarts: { component: string; requestedAt: number; servingAt: number }[] = [];
    /** Whether `copyStarts` is filled (off for long runs). */
    recordCopyStarts = true;
    private lastAccounted: number;
    private readonly capacity: InstanceCapacity;

    constructor(
        readonly endpoint: EndpointModel,
        readonly components: readonly ComponentModel[],
        private readonly coldStart: ColdStartSampler,
        private readonly releaseSeconds: number,
        start: number,
        startCold = false,
        capacity: InstanceCapacity | undefined = INSTANCE_CAPACITY[endpoint.instanceType],
    ) {
        if (!capacity) {
            throw new Error(
                `twin: instance type ${endpoint.instanceType} has no capacity entry (known: ${knownTypesLike(endpoint.instanceType).join(", ")}, ...); pass instanceCapacity`,
            );
        }
        this.capacity = capacity;
        this.lastAccounted = start;
        // As just created (initial instances and copies serving), or idle (no copy, the minimum of instances).
        const instances = startCold ? endpoint.minInstances : endpoint.initialInstances;
        for (let i = 0; i < instances; i++) {
            this.instances.push({ id: this.nextId++, readyAt: start, emptySince: start });
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
                const servingAt = instant ? now : start + this.coldStart().copySeconds;
                this.copies.push({ component: component.name, instance, servingAt });
                if (!instant && this.recordCopyStarts) {
                    this.copyStarts.push({ component: component.name, requestedAt: now, servingAt });
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
        const instance = { id: this.nextId++, readyAt: instant ? now : now + this.coldStart().instanceSeconds };
        this.instances.push(instance);
        return instance;
    }

    private fits(instance: Instance, component: ComponentModel): boolean {
        const capacity = this.capacity;
        let accelerators = 0;
        let memory = 0;
        let cpu = 0;
        for (const copy of this.copies) {
            if (copy.instance === instance) {
                const c = this.components.find((x) => x.name === copy.component)!;
                accelerators += c.accelerators;
                memory += c.memoryMiB;
                cpu += c.cpuCores;
            }
        }
        return (
            accelerators + component.accelerators <= capacity.accelerators &&
            memory + component.memoryMiB <= capacity.memoryMiB &&
            cpu + component.cpuCores <= capacity.cpuCores
        );
    }

    private markEmpty(instance: Instance, now: number): void {
        if (!this.copies.some((c) => c.instance === instance)) {
            instance.emptySince = now;
        }
    }

    private account(now: number): void {
        this.instanceSeconds += this.instances.length * (now - this.lastAccounted);
        this.lastAccounted = now;
    }
}
