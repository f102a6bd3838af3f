import * as pulumi from "@pulumi/pulumi";

/**
 * Type tokens of the components. The schema the plugin infers for other languages puts every component in the
 * `index` module (`<package>:index:<Class>`, @pulumi/pulumi provider/experimental/schema.js) and Construct rejects
 * any other module, so the tokens TypeScript programs register must use it too.
 */
export const COMPONENT_TYPES = {
    ScaleToZeroModel: "scale-to-zero:index:ScaleToZeroModel",
    ScaleToZeroQueue: "scale-to-zero:index:ScaleToZeroQueue",
} as const;

/** The tokens of versions up to 0.1, module `sagemaker`: stacks deployed with them carry these in their URNs. */
export const PREVIOUS_COMPONENT_TYPES = {
    ScaleToZeroModel: "scale-to-zero:sagemaker:ScaleToZeroModel",
    ScaleToZeroQueue: "scale-to-zero:sagemaker:ScaleToZeroQueue",
} as const;

/**
 * Adds the previous type token as an alias, so `pulumi up` after the token change renames the component (and,
 * through the engine's parent-alias inheritance, its children) in the state instead of replacing them.
 */
export function withPreviousTypeAlias(
    component: keyof typeof COMPONENT_TYPES,
    opts: pulumi.ComponentResourceOptions | undefined,
): pulumi.ComponentResourceOptions {
    return { ...opts, aliases: [...(opts?.aliases ?? []), { type: PREVIOUS_COMPONENT_TYPES[component] }] };
}
