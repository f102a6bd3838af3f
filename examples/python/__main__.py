"""ScaleToZeroModel from Python, through the SDK `pulumi package add` generates from schema.json.

Names follow Pulumi's Python code generation (module pulumi_scale_to_zero, snake_case properties, input types with
an `Args` suffix); tests/plugin/examples.test.ts checks them against schema.json. SDK generation itself needs the
Pulumi CLI and was not run in this repository's CI.
"""
import pulumi
import pulumi_scale_to_zero as scale_to_zero

lmi = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128"

# One model: the single-model shorthand (model + compute at the top level).
llama = scale_to_zero.ScaleToZeroModel(
    "llama",
    instance_type="ml.g5.2xlarge",
    max_instance_count=2,
    model=scale_to_zero.ModelSourceArgs(
        image=lmi,
        model_data_url="s3://my-models/llama-3-1-8b-instruct/",
    ),
    compute=scale_to_zero.ComputeRequirementsArgs(accelerator_count=1, memory_mi_b=16384),
    scaling=scale_to_zero.CopyScalingArgs(max_copies=2, idle_timeout_minutes=10),
    caller_policy=scale_to_zero.CallerPolicyArgs(create=True, allow_wake=True),
)

# Several models sharing one endpoint's instances.
team = scale_to_zero.ScaleToZeroModel(
    "team",
    instance_type="ml.g5.12xlarge",
    inference_components={
        "llama": scale_to_zero.InferenceComponentArgs(
            model=scale_to_zero.ModelSourceArgs(image=lmi, model_data_url="s3://my-models/llama/"),
            compute=scale_to_zero.ComputeRequirementsArgs(accelerator_count=1, memory_mi_b=32768),
        ),
        "mistral": scale_to_zero.InferenceComponentArgs(
            model=scale_to_zero.ModelSourceArgs(existing_model_name="mistral-7b"),
            compute=scale_to_zero.ComputeRequirementsArgs(accelerator_count=2, memory_mi_b=32768),
        ),
    },
)

pulumi.export("endpoint_name", llama.endpoint_name)
pulumi.export("caller_policy_arn", llama.caller_policy_arn)
pulumi.export("team_components", team.inference_component_names)
