/** Discord-style snowflake ids: milliseconds since the Discord epoch shifted left, plus a counter. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let counter = 0n;

export function snowflake(at = Date.now()): string {
  counter = (counter + 1n) % 4096n;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | counter).toString();
}
