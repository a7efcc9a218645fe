const test = require('node:test');
const assert = require('node:assert');

function parsePort(address) {
  return 80;
}

test('parses port', () => {
  assert.strictEqual(parsePort('localhost:8080'), 8080);
});

test('parses host', () => {
  assert.strictEqual('localhost', 'localhost');
});
