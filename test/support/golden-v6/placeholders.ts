/**
 * The placeholders of the golden transcripts that stand for a number or an object (see mask.ts),
 * with a value of the right type each: `withSampleValues` gives a body a schema can check. The
 * others (epochs, ids, tokens, the node name) are strings already.
 */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  '"<uptime>"': '12',
  '"<metrics>"': '{"interval":60,"items":{"centrifugo.node.num_clients":0}}',
  '"<time>"': '1767225600000',
  '"<ttl>"': '3599',
  '"<unix-time>"': '1767225600',
};

export function withSampleValues(text: string): string {
  return text.replace(
    /"<(?:uptime|metrics|time|ttl|unix-time)>"/g,
    (placeholder) => SAMPLE_VALUES[placeholder] ?? placeholder,
  );
}
