import { AdapterSettings, ComponentSettings, EndpointSettings } from "./settings";
import { DEFAULTS } from "./defaults";
import { rollbackAlarmNames } from "./rollbackAlarms";

// Provider shapes (@pulumi/aws-native 1.79 sagemaker inputs) of the 2025 capacity features, built from settings.

/**
 * The variant's instance type(s): `InstanceType` alone, or, with fallbacks, `InstancePools` in its place ("To use
 * instance pools, you replace the InstanceType parameter in your production variant with an InstancePools list",
 * SageMaker Developer Guide, "Deploy to multiple instance types with instance pools"). Priority 1 is tried first.
 */
export function variantInstanceTypes(settings: EndpointSettings): object {
    if (settings.fallbackInstanceTypes.length === 0) {
        return { instanceType: settings.instanceType };
    }
    return { instancePools: poolTypes(settings).map((instanceType, i) => ({ instanceType, priority: i + 1 })) };
}

/** Every instance type the variant may launch, in priority order. */
export function poolTypes(settings: Pick<EndpointSettings, "instanceType" | "fallbackInstanceTypes">): string[] {
    return [settings.instanceType, ...settings.fallbackInstanceTypes];
}

/** `CapacityReservationConfig` of the variant, when a reservation is set. */
export function capacityReservationConfig(settings: EndpointSettings): object {
    const r = settings.capacityReservation;
    return r ? { capacityReservationConfig: { mlReservationArn: r.mlReservationArn, capacityReservationPreference: r.preference } } : {};
}

/** Fields shared by `Specification` and each `Specifications` entry. */
function specificationBody(component: ComponentSettings, compute: ComponentSettings["compute"]) {
    return {
        computeResourceRequirements: {
            numberOfAcceleratorDevicesRequired: compute.acceleratorCount,
            numberOfCpuCoresRequired: compute.cpuCores,
            minMemoryRequiredInMb: compute.memoryMiB,
        },
        startupParameters: {
            modelDataDownloadTimeoutInSeconds: component.startup.modelDataDownloadTimeoutSeconds,
            containerStartupHealthCheckTimeoutInSeconds: component.startup.containerStartupHealthCheckTimeoutSeconds,
        },
        ...(component.dataCache && { dataCacheConfig: { enableCaching: true } }),
        ...(component.placement && {
            schedulingConfig: {
                placementStrategy: component.placement.strategy,
                // aws-native 1.79 requires AvailabilityZoneBalance with a scheduling config; PERMISSIVE is its only mode.
                availabilityZoneBalance: {
                    enforcementMode: DEFAULTS.capacity.azBalanceEnforcementMode,
                    ...(component.placement.maxAzImbalance !== undefined && { maxImbalance: component.placement.maxAzImbalance }),
                },
            },
        }),
    };
}

/**
 * `Specification` on a one-type endpoint; on an endpoint with instance pools, `Specifications` with one entry per
 * instance type ("Specify exactly one of Specification or Specifications", aws-native 1.79 InferenceComponent),
 * each with its own compute.
 */
export function componentSpecification<M>(component: ComponentSettings, modelName: M, types: readonly string[]): object {
    if (types.length <= 1) {
        return { specification: { modelName, ...specificationBody(component, component.compute) } };
    }
    return {
        specifications: types.map((instanceType) => ({
            instanceType,
            modelName,
            ...specificationBody(component, component.computeByInstanceType[instanceType] ?? component.compute),
        })),
    };
}

/** `DeploymentConfig` of a component with a rolling update (write-only: aws-native re-sends it with every update). */
export function deploymentConfig(component: ComponentSettings, ownRoles: readonly string[]): object {
    const r = component.rollingUpdate;
    if (!r) {
        return {};
    }
    const alarms = rollbackAlarmNames(component, ownRoles);
    return {
        deploymentConfig: {
            rollingUpdatePolicy: {
                maximumBatchSize: r.maximumBatchSize,
                waitIntervalInSeconds: r.waitIntervalSeconds,
                ...(r.maximumExecutionTimeoutSeconds !== undefined && { maximumExecutionTimeoutInSeconds: r.maximumExecutionTimeoutSeconds }),
                ...(r.rollbackMaximumBatchSize && { rollbackMaximumBatchSize: r.rollbackMaximumBatchSize }),
            },
            // AutoRollbackConfiguration needs 1-10 alarms (CloudFormation schema): omitted when there are none.
            ...(alarms.length > 0 && { autoRollbackConfiguration: { alarms: alarms.map((alarmName) => ({ alarmName })) } }),
        },
    };
}

/** The `Specification` of an adapter: the base component's name and the adapter's artifacts, no compute. */
export function adapterSpecification<B>(adapter: AdapterSettings, baseName: B): object {
    return { specification: { baseInferenceComponentName: baseName, container: { artifactUrl: adapter.artifactUrl } } };
}
