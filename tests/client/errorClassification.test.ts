import { expect } from "chai";
import { SageMakerServiceException } from "@aws-sdk/client-sagemaker";
import { ModelError, ModelNotReadyException, ValidationError } from "@aws-sdk/client-sagemaker-runtime";
import { classifyControlPlaneError, classifyInvokeError, isNoCapacityError, isThrottlingError } from "../../client";
import { NO_CAPACITY_MESSAGE } from "./fakeSageMaker";

const meta = (httpStatusCode: number) => ({ httpStatusCode, attempts: 1, totalRetryDelay: 0 });
const validation = (message: string) => new ValidationError({ message, $metadata: meta(400) });
const controlPlane = (name: string, message: string, status = 400) =>
    new SageMakerServiceException({ name, message, $fault: status >= 500 ? "server" : "client", $metadata: meta(status) });
const syntaxError = (status: number) => Object.assign(new SyntaxError("Unexpected token '<'"), { $metadata: meta(status) });
const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe("errorClassification", () => {
    describe("isNoCapacityError", () => {
        const cases: [string, unknown, boolean][] = [
            ["SageMaker's exact zero-copies message", validation(NO_CAPACITY_MESSAGE), true],
            ["the first sentence alone, other case", validation("inference component has no capacity to process this request."), true],
            ["another ValidationError", validation("Inference Component ic for endpoint ep not found."), false],
            ["a ValidationError about the payload", validation("Received client error: bad JSON"), false],
            ["the message on a ModelError", new ModelError({ message: NO_CAPACITY_MESSAGE, $metadata: meta(424) }), false],
            ["a plain Error with the message", new Error(NO_CAPACITY_MESSAGE), false],
            ["not an error", "Inference Component has no capacity to process this request", false],
            ["undefined", undefined, false],
        ];
        for (const [label, err, expected] of cases) {
            it(`${label} → ${expected}`, () => expect(isNoCapacityError(err)).to.equal(expected));
        }
    });

    describe("classifyInvokeError", () => {
        const cases: [string, unknown, string][] = [
            ["no capacity", validation(NO_CAPACITY_MESSAGE), "no-capacity"],
            ["ModelNotReadyException", new ModelNotReadyException({ message: "not ready", $metadata: meta(429) }), "model-not-ready"],
            ["other ValidationError", validation("bad input"), "fatal"],
            ["ModelError", new ModelError({ message: "boom", $metadata: meta(424) }), "fatal"],
            ["AccessDeniedException", named("AccessDeniedException"), "access-denied"],
            ["CredentialsProviderError", named("CredentialsProviderError"), "credentials"],
            ["missing region", new Error("Region is missing"), "credentials"],
            ["ExpiredTokenException", named("ExpiredTokenException"), "credentials"],
            ["AbortError", named("AbortError"), "aborted"],
            ["unparseable response", syntaxError(500), "malformed"],
            ["a SyntaxError of our own (no $metadata)", new SyntaxError("x"), "fatal"],
            ["ThrottlingException (the SDK already retried it)", named("ThrottlingException"), "fatal"],
        ];
        for (const [label, err, expected] of cases) {
            it(`${label} → ${expected}`, () => expect(classifyInvokeError(err)).to.equal(expected));
        }
    });

    describe("classifyControlPlaneError", () => {
        const cases: [string, unknown, string][] = [
            ["Could not find inference component", controlPlane("ValidationException", 'Could not find inference component "arn:aws:sagemaker:us-east-1:1:inference-component/ic".'), "not-found"],
            ["ResourceNotFound", controlPlane("ResourceNotFound", "gone"), "not-found"],
            ["ThrottlingException", controlPlane("ThrottlingException", "Rate exceeded"), "throttled"],
            ["HTTP 429", controlPlane("TooManyRequests", "slow down", 429), "throttled"],
            ["$retryable.throttling", Object.assign(named("Whatever"), { $retryable: { throttling: true } }), "throttled"],
            ["InternalFailure 500", controlPlane("InternalFailure", "oops", 500), "transient"],
            ["502 with an HTML body", syntaxError(502), "transient"],
            ["ECONNRESET", named("Error", { code: "ECONNRESET" }), "transient"],
            ["TimeoutError", named("TimeoutError"), "transient"],
            ["200 with a body that is not JSON", syntaxError(200), "malformed"],
            ["AccessDeniedException", controlPlane("AccessDeniedException", "no"), "access-denied"],
            ["UnrecognizedClientException", controlPlane("UnrecognizedClientException", "bad key"), "credentials"],
            ["other ValidationException", controlPlane("ValidationException", "Inference component is in Updating status"), "fatal"],
            ["AbortError", named("AbortError"), "aborted"],
        ];
        for (const [label, err, expected] of cases) {
            it(`${label} → ${expected}`, () => expect(classifyControlPlaneError(err)).to.equal(expected));
        }
    });

    it("isThrottlingError does not mistake the runtime's 429 ModelNotReadyException for throttling", () => {
        expect(isThrottlingError(new ModelNotReadyException({ message: "x", $metadata: meta(429) }))).to.equal(false);
        expect(isThrottlingError(controlPlane("ThrottlingException", "Rate exceeded"))).to.equal(true);
    });
});
