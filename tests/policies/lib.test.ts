import * as aws from "@pulumi/aws";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { expect } from "chai";
import { configWithDefaults } from "../../policies/lib/config";
import { DEV_STACK_DEFAULTS, devStackReason, globToRegExp, parseTagSelector, parseUrn } from "../../policies/lib/stack";
import { UNKNOWN, asNumber, get, isUnknownValueError, known, list, show, stringList } from "../../policies/lib/values";
import { TYPES } from "../../policies/lib/resources";
import { UNKNOWN_ARRAY, UNKNOWN_NUMBER, UNKNOWN_STRING, isTypeOf, resourceArgs } from "./helpers";

describe("policy helpers", () => {
    describe("the runtime's unknown-checking proxy (what policies run against during preview)", () => {
        it("throws UnknownValueError when a policy reads an unknown value; the runtime reports it as 'can't run during preview'", () => {
            const props = unknownCheckingProxy({ productionVariants: [{ managedInstanceScaling: { minInstanceCount: UNKNOWN_NUMBER } }] });
            let caught: unknown;
            try {
                void props.productionVariants[0].managedInstanceScaling.minInstanceCount;
            } catch (error) {
                caught = error;
            }
            expect(caught).to.be.instanceOf(UnknownValueError);
            expect((caught as Error).message).to.equal(
                "number value at .productionVariants.0.managedInstanceScaling.minInstanceCount can't be known during preview",
            );
            expect(isUnknownValueError(caught)).to.equal(true);
            expect(isUnknownValueError(new Error("x"))).to.equal(false);
        });

        it("get/list turn unknowns into UNKNOWN instead of throwing, through the proxy and on raw sentinels", () => {
            const raw = { a: { b: UNKNOWN_NUMBER, c: 2 }, items: [1, UNKNOWN_STRING], whole: UNKNOWN_ARRAY };
            for (const props of [unknownCheckingProxy(JSON.parse(JSON.stringify(raw))), raw]) {
                expect(get(props, "a", "b")).to.equal(UNKNOWN);
                expect(get(props, "a", "c")).to.equal(2);
                expect(get(props, "a", "missing", "deeper")).to.equal(undefined);
                expect(get(props, "whole", 0)).to.equal(UNKNOWN);
                expect(list(get(props, "items"))).to.deep.equal([1, UNKNOWN]);
                expect(list(get(props, "whole"))).to.equal(UNKNOWN);
                expect(list(get(props, "missing"))).to.deep.equal([]);
                expect(stringList(get(props, "items"))).to.equal(UNKNOWN);
            }
        });

        it("known() rethrows errors that are not about unknown values", () => {
            expect(known(() => 5)).to.equal(5);
            expect(() => known(() => { throw new TypeError("boom"); })).to.throw(TypeError, "boom");
        });
    });

    it("asNumber, stringList and show", () => {
        expect([asNumber(3), asNumber("4"), asNumber(""), asNumber("x"), asNumber(undefined), asNumber(NaN)]).to.deep.equal([3, 4, undefined, undefined, undefined, undefined]);
        expect(stringList("a")).to.deep.equal(["a"]);
        expect(stringList(["a", 1, "b"])).to.deep.equal(["a", "b"]);
        expect([show(undefined), show(UNKNOWN), show("x"), show(2)]).to.deep.equal(["not set", "unknown until deployment", '"x"', "2"]);
    });

    describe("URNs and dev stacks", () => {
        it("parses URNs, including parent type chains and names with '::'", () => {
            expect(parseUrn("urn:pulumi:dev::scale-to-zero::aws:iam/role:Role::r")).to.deep.equal({
                stack: "dev",
                project: "scale-to-zero",
                qualifiedType: "aws:iam/role:Role",
                type: "aws:iam/role:Role",
                name: "r",
            });
            const nested = parseUrn("urn:pulumi:prod::p::scale-to-zero:index:ScaleToZeroModel$aws:iam/role:Role::a::b");
            expect(nested).to.deep.include({ stack: "prod", type: "aws:iam/role:Role", name: "a::b" });
            expect(parseUrn("not-a-urn")).to.equal(undefined);
            expect(parseUrn("urn:pulumi:dev::p")).to.equal(undefined);
            expect(parseUrn(undefined)).to.equal(undefined);
        });

        it("matches glob-ish patterns case-insensitively, with only * and ? special", () => {
            expect(globToRegExp("dev-*").test("DEV-alice")).to.equal(true);
            expect(globToRegExp("dev-*").test("dev")).to.equal(false);
            expect(globToRegExp("*-dev").test("team-dev")).to.equal(true);
            expect(globToRegExp("dev?").test("dev1")).to.equal(true);
            expect(globToRegExp("dev.1").test("devx1")).to.equal(false);
            expect(globToRegExp("a(b)[c]").test("a(b)[c]")).to.equal(true);
        });

        it("explains why a stack is dev, by name first, then by tag", () => {
            const tags = new Map([["environment", "dev"]]);
            expect(devStackReason("dev", new Map(), DEV_STACK_DEFAULTS)).to.equal('stack "dev" matches devStackPatterns entry "dev"');
            expect(devStackReason("prod", tags, DEV_STACK_DEFAULTS)).to.equal(undefined);
            expect(devStackReason("prod", tags, { devStackPatterns: [], devStackTag: "environment=dev" })).to.equal(
                'stack "prod" has tag environment=dev (devStackTag "environment=dev")',
            );
            expect(devStackReason(undefined, new Map(), DEV_STACK_DEFAULTS)).to.equal(undefined);
            expect(parseTagSelector(" env = dev ")).to.deep.equal({ key: "env", value: "dev" });
            expect(parseTagSelector("ephemeral")).to.deep.equal({ key: "ephemeral" });
            expect(parseTagSelector("  ")).to.equal(undefined);
        });
    });

    it("configWithDefaults merges configured values over defaults, ignoring null/undefined", () => {
        const args = { getConfig: <T extends object>() => ({ a: 5, b: null, c: undefined }) as unknown as T };
        expect(configWithDefaults(args, { a: 1, b: 2, c: 3 })).to.deep.equal({ a: 5, b: 2, c: 3 });
    });

    it("the test args builder has the runtime's real isType (class __pulumiType)", () => {
        const args = resourceArgs(TYPES.scalableTarget, {});
        expect(args.isType(aws.appautoscaling.Target)).to.equal(true);
        expect(args.isType(aws.appautoscaling.Policy)).to.equal(false);
        expect(isTypeOf("x:y:Z", { isInstance: (o: { __pulumiType: string }) => o.__pulumiType === "x:y:Z" })).to.equal(true);
    });
});
