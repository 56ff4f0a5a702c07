process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Lambda runs nodejs22.x; this machine has Node 20, which the SDK warns about on every client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
