import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { loadSchema } from "./cfnMapping";

/** RFC 3339 date-time, as the Scheduler schema's StartDate/EndDate `format: date-time` means. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The registry's patterns are Java regular expressions: most need the `u` flag (`\p{L}` in tag patterns), a few
 * use escapes only legal without it (`\_`).
 */
function registryRegExp(pattern: string, flags: string): RegExp {
    // Java's POSIX class \p{Print} (ASCII 0x20-0x7E) has no JavaScript spelling; it only occurs outside a class.
    const javaScript = pattern.replace(/\\p\{Print\}/g, "[\\x20-\\x7E]");
    try {
        return new RegExp(javaScript, flags);
    } catch {
        return new RegExp(javaScript, flags.replace("u", ""));
    }
}
registryRegExp.code = "new RegExp";

/**
 * Ajv for CloudFormation registry schemas: not strict (they carry registry keywords such as `insertionOrder`,
 * `readOnlyProperties`, `tagging`), `date-time` checked, the registry's AWS-specific formats (`AWS::IAM::Role.Arn`,
 * `json`) accepted as annotations, since cfn-lint checks those with its own code, not with JSON Schema.
 */
function createAjv(): Ajv {
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false, code: { regExp: registryRegExp } });
    ajv.addFormat("date-time", DATE_TIME);
    for (const format of [
        "json",
        "AWS::IAM::Role.Arn",
        "AWS::KMS::Key.Arn",
        "AWS::KMS::Key.Id",
        "AWS::KMS::Alias.AliasName",
        "AWS::SQS::Queue.Arn",
        "AWS::EC2::SecurityGroup.Id",
        "AWS::EC2::SecurityGroup.Ids",
        "AWS::EC2::Subnet.Id",
        "AWS::EC2::Subnet.Ids",
    ]) {
        ajv.addFormat(format, true);
    }
    return ajv;
}

const ajv = createAjv();
const compiled = new Map<string, ValidateFunction>();

/** Validates CloudFormation properties against the committed schema of `cfnType`; returns readable errors. */
export function schemaErrors(cfnType: string, properties: Record<string, unknown>): string[] {
    let validate = compiled.get(cfnType);
    if (!validate) {
        // `$schema` names the registry's meta-schema, which Ajv does not have (and does not need to validate data).
        const { $schema: _meta, ...schema } = loadSchema(cfnType);
        validate = ajv.compile(schema);
        compiled.set(cfnType, validate);
    }
    return validate(properties) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}
