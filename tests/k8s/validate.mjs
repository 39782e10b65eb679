// Validates deploy/k8s/*.yaml (issue 22, item 7): every object against the Kubernetes API schemas of
// kubernetes-models (the OpenAPI schemas of the Kubernetes API, one class per kind), then the topology against
// docker-compose.yml and the promises of ADR 0025 (replicas, probes, resources, NetworkPolicies, the CronJob).
// Run: node tests/k8s/validate.mjs  (after `npm ci --prefix tests/k8s`); prints one line per check, exits 1 on a failure.
// Not a cluster: nothing here was applied to a Kubernetes API server (deploy/k8s/README.md says what was not run).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, parse } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
let failed = 0, passed = 0;
const ok = (cond, what, seen = "") => {
  if (cond) passed++; else failed++;
  console.log(`${cond ? "ok" : "not ok"} - ${what}${cond || !seen ? "" : ` (seen: ${seen})`}`);
};

async function modelOf(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion : `${apiVersion}`; // core "v1" → kubernetes-models/v1/Kind
  const mod = await import(`kubernetes-models/${group}/${kind}`);
  return mod[kind];
}
async function schemaErrors(doc) {
  try {
    const Model = await modelOf(doc.apiVersion, doc.kind);
    new Model(doc).validate();
    return null;
  } catch (e) {
    return (e.errors ? e.errors.map((x) => `${x.instancePath || "/"} ${x.message}${x.params?.additionalProperty ? ` '${x.params.additionalProperty}'` : ""}`).join("; ") : e.message);
  }
}

// 0. the validator itself catches what it should: a missing required field, a wrong type. (It does not refuse an
//    unknown field — the schemas allow additional properties — so a misspelt optional field passes: ADR 0025.)
ok(await schemaErrors({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" },
  spec: { replicas: 2, selector: { matchLabels: { a: "b" } }, template: { spec: { containers: [{ image: "y" }] } } } }) !== null,
  "the schema check refuses a container without its required name");
ok(await schemaErrors({ apiVersion: "v1", kind: "Service", metadata: { name: "x" }, spec: { ports: [{ port: "eighty" }] } }) !== null,
  "the schema check refuses a wrong type (a port as text)");

// 1. every object of every manifest against its schema
const dir = join(root, "deploy", "k8s");
const objects = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
  for (const d of parseAllDocuments(readFileSync(join(dir, file), "utf8"))) {
    if (d.errors.length) { ok(false, `${file} parses`, d.errors[0].message); continue; }
    const doc = d.toJS();
    if (!doc) continue;
    objects.push({ file, doc });
    const errors = await schemaErrors(doc);
    ok(errors === null, `${file}: ${doc.kind} ${doc.metadata?.name} is valid against the ${doc.apiVersion} schema`, errors);
  }
}
const byKind = (kind) => objects.filter((o) => o.doc.kind === kind).map((o) => o.doc);

// 2. the same processes as docker-compose.yml, two replicas each, probes, resources, non-root
const compose = parse(readFileSync(join(root, "docker-compose.yml"), "utf8"));
const deployments = Object.fromEntries(byKind("Deployment").map((d) => [d.metadata.name, d]));
for (const name of ["cases", "mediators", "reporting", "gateway"]) {
  const d = deployments[name];
  ok(!!d && !!compose.services[name], `${name}: a Deployment, as in docker-compose.yml`);
  if (!d) continue;
  const c = d.spec.template.spec.containers[0];
  ok(d.spec.replicas >= 2, `${name}: at least two replicas (every loop and schedule is safe with several: ADR 0025)`, d.spec.replicas);
  ok(c.image === compose.services[name].image.replace("${MP_IMAGE_TAG:-latest}", "latest"),
    `${name}: the image deploy/images/build.sh makes (${c.image})`, `${c.image} vs ${compose.services[name].image}`);
  ok(c.readinessProbe?.httpGet?.path === "/health/ready" && c.livenessProbe?.httpGet?.path === "/health/live",
    `${name}: readiness /health/ready and liveness /health/live`);
  ok(!!c.resources?.requests?.cpu && !!c.resources?.requests?.memory && !!c.resources?.limits?.memory,
    `${name}: cpu and memory requests and a memory limit`, JSON.stringify(c.resources));
  ok(d.spec.template.spec.automountServiceAccountToken === false, `${name}: no Kubernetes API token mounted`);
  const labels = d.spec.template.metadata.labels;
  ok(byKind("Service").some((s) => s.metadata.name === name && Object.entries(s.spec.selector).every(([k, v]) => labels[k] === v)),
    `${name}: a Service selects its pods`);
  ok(byKind("NetworkPolicy").some((p) => Object.entries(p.spec.podSelector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v)),
    `${name}: a NetworkPolicy covers its pods`);
}
ok(byKind("NetworkPolicy").some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 ||
  Object.keys(p.spec.podSelector?.matchLabels ?? {}).length === 0), "a default NetworkPolicy covers every pod of the namespace");
ok(deployments.cases?.spec.template.spec.containers[0].resources.limits.memory !== "512Mi",
  "cases: room for chromium printing PDFs (memory limit above 512Mi)", deployments.cases?.spec.template.spec.containers[0].resources.limits.memory);

// 3. the annual CronJob: 1 January 02:00 China time, one run at a time
const cron = byKind("CronJob")[0];
ok(!!cron, "the annual report CronJob exists");
if (cron) {
  ok(cron.spec.schedule === "0 2 1 1 *" && cron.spec.timeZone === "Asia/Shanghai",
    "the CronJob fires on 1 January at 02:00 Asia/Shanghai", `${cron.spec.schedule} ${cron.spec.timeZone}`);
  ok(cron.spec.concurrencyPolicy === "Forbid", "the CronJob never runs twice at once", cron.spec.concurrencyPolicy);
  const args = cron.spec.jobTemplate.spec.template.spec.containers[0].args ?? [];
  ok(args.includes("--annual-report"), "the CronJob runs the reporting image with --annual-report", args.join(" "));
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
