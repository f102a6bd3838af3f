import { LIMITS } from "./awsLimits";

/** S3 bucket naming rules (3-63 lowercase letters, digits, dots, hyphens; letter or digit at both ends). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A model archive SageMaker unpacks (`ModelDataUrl`). */
const ARCHIVE = /\.(tar\.gz|tgz)$/;

/**
 * Why `url` cannot be a model location, or undefined. Two shapes are accepted, because they map to two different
 * SageMaker fields (see `modelData` in inferenceComponent.ts):
 * - `s3://bucket/prefix/` (trailing slash): an uncompressed prefix served through `ModelDataSource`;
 * - `s3://bucket/key.tar.gz` (or `.tgz`): an archive passed as `ModelDataUrl`.
 * A bucket-only URL or a prefix without its trailing `/` would become an archive URL that does not exist.
 */
export function modelDataUrlError(url: unknown): string | undefined {
    const example = 'like "s3://bucket/path/model.tar.gz" (an archive) or "s3://bucket/path/" (an uncompressed prefix)';
    if (typeof url !== "string") {
        return `must be an S3 URL ${example} (got ${String(url)})`;
    }
    const match = /^s3:\/\/([^/]+)(\/(.*))?$/.exec(url);
    if (!match) {
        return `must be an S3 URL ${example} (got ${JSON.stringify(url)})`;
    }
    const [, bucket, , key = ""] = match;
    if (!BUCKET.test(bucket) || bucket.includes("..")) {
        return `bucket ${JSON.stringify(bucket)} is not a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)`;
    }
    if (url.length > LIMITS.modelDataUrl.maxLength) {
        return `must be at most ${LIMITS.modelDataUrl.maxLength} characters (got ${url.length})`;
    }
    if (key === "" || key === "/") {
        return `${JSON.stringify(url)} names a whole bucket: give the prefix or archive inside it, ${example}`;
    }
    if (/\s/.test(url) || key.includes("//")) {
        return `${JSON.stringify(url)} contains white space or an empty path segment`;
    }
    if (!key.endsWith("/") && !ARCHIVE.test(key)) {
        return `${JSON.stringify(url)} is neither a prefix (end it with "/") nor a .tar.gz/.tgz archive`;
    }
    return undefined;
}
