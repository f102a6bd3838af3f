import { expect } from "chai";
import { AWS } from "../../components/defaults";
import { ACTIONS_WITHOUT_RESOURCE_SCOPE } from "../../components/iam";
import * as pack from "../../policies/lib/awsIdentifiers";

// The pack carries its own copy so it can be published alone; this keeps the copy equal to the component's.
describe("policy pack AWS identifiers match the component package", () => {
    it("scalable dimension, wake-up metric and namespace", () => {
        expect(pack.COPY_COUNT_DIMENSION).to.equal(AWS.scalableDimension);
        expect(pack.WAKE_UP_METRIC).to.equal(AWS.wakeUpMetric);
        expect(pack.SAGEMAKER_NAMESPACE).to.equal(AWS.metricNamespace);
    });
    it("actions without resource scope", () => {
        expect([...pack.ACTIONS_WITHOUT_RESOURCE_SCOPE]).to.deep.equal([...ACTIONS_WITHOUT_RESOURCE_SCOPE]);
    });
});
