/** The version the OpenAPI document is bundled with (lib/openapi-bundle.ts); get-openapi puts its KHIDMA_VERSION in its place. */
export const BUNDLED_OPENAPI_VERSION = '0.0.0-bundled';
