// Jest's node environment, telling each test and hook when its timeout falls: `until` waits share that budget,
// so a chain of waits cannot outlast its test, and a slow one fails naming what it waited for.
const { TestEnvironment } = require('jest-environment-node');

class DeadlineEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.defaultTimeout = config.globalConfig.testTimeout || 5000;
  }

  handleTestEvent(event) {
    const timed = event.name === 'test_fn_start' ? event.test : event.name === 'hook_start' ? event.hook : undefined;
    if (timed) {
      // The test's own clock (a setup file may have shifted it), which is the one `until` reads.
      this.global.__khidmaDeadline = this.global.Date.now() + (timed.timeout || this.defaultTimeout);
    }
  }
}

module.exports = DeadlineEnvironment;
