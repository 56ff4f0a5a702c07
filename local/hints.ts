// The commands `npm start` prints under "Try it"; test/integration/readme.test.ts runs them as printed.
export function tryItCommands(apiUrl: string): string[] {
  const stage = (to: string) =>
    `curl -s -X POST ${apiUrl}/v1/services/passport-renewal/stage -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"stage":"${to}"}'`;
  return [
    `curl -s '${apiUrl}/v1/services?q=passport&limit=5'`,
    `curl -s '${apiUrl}/v1/services?q=جواز&limit=5'`,
    `curl -s ${apiUrl}/v1/agencies`,
    `TOKEN=$(npm run -s token -- operator)`,
    stage('post-launch-evaluation'),
    stage('launched'),
    `curl -s ${apiUrl}/openapi.json`,
  ];
}
