// The CrossGuard policy pack: `pulumi preview --policy-pack ./policies`. Constructing the PolicyPack starts the
// analyzer's gRPC server, so nothing else belongs here: the policies live in their own files (see definitions.ts).
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./definitions";

new PolicyPack("scale-to-zero-guardrails", { policies: allPolicies });
