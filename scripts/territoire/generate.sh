#!/usr/bin/env bash
# Regenerates the territory reference data (src/main/resources/territoire/*.csv) from the
# npm package @etalab/decoupage-administratif (MIT licence, Etalab).
#
# Usage: scripts/territoire/generate.sh [version]     (default: the pinned version below)
# Needs bash, node and npm, and access to the npm registry. Run it from anywhere; it writes
# into the repository that holds it. Review `git diff --stat` before committing.
set -euo pipefail

PACKAGE="@etalab/decoupage-administratif"
# Pinned: the 2026 vintage (millésime). Bump deliberately, then run the territoire tests.
VERSION="${1:-6.0.0}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/src/main/resources/territoire"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

npm install --prefix "$tmp" --no-audit --no-fund --silent "$PACKAGE@$VERSION"
mkdir -p "$out"

PKG_DIR="$tmp/node_modules/$PACKAGE" OUT="$out" PACKAGE="$PACKAGE" node <<'JS'
const fs = require('fs')
const path = require('path')

const pkgDir = process.env.PKG_DIR
const out = process.env.OUT
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'))
const load = (name) => JSON.parse(fs.readFileSync(path.join(pkgDir, 'data', name), 'utf8'))

// CPTS and the ACI exist where the ARS and the Assurance Maladie do: metropolitan France
// and the five DROM (the 18 INSEE regions). The overseas collectivities (zone "com") are
// left out.
const inScope = (entry) => entry.zone === 'metro' || entry.zone === 'drom'

function field(value, what) {
  const text = String(value)
  if (/[;"\r\n]/.test(text)) {
    throw new Error(`${what}: "${text}" holds a CSV separator, quote or newline`)
  }
  return text
}

function write(name, header, rows) {
  const lines = [header.join(';'), ...rows.map((row) => row.map((v, i) => field(v, `${name} ${header[i]}`)).join(';'))]
  fs.writeFileSync(path.join(out, name), lines.join('\n') + '\n', 'utf8')
}

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

const regions = load('regions.json').filter(inScope).sort(byCode)
const departements = load('departements.json').filter(inScope).sort(byCode)
const communes = load('communes.json')
  .filter((c) => c.type === 'commune-actuelle' && inScope(c))
  .sort(byCode)

const regionCodes = new Set(regions.map((r) => r.code))
const departementCodes = new Set(departements.map((d) => d.code))
const codes = new Set()
let withoutPopulation = []
for (const c of communes) {
  if (codes.has(c.code)) throw new Error(`duplicate commune code ${c.code}`)
  codes.add(c.code)
  if (!regionCodes.has(c.region)) throw new Error(`commune ${c.code}: unknown region ${c.region}`)
  if (!departementCodes.has(c.departement)) throw new Error(`commune ${c.code}: unknown departement ${c.departement}`)
  if (!Number.isInteger(c.population)) withoutPopulation.push(`${c.code} ${c.nom}`)
}

write('regions.csv', ['code', 'nom'], regions.map((r) => [r.code, r.nom]))
write('departements.csv', ['code', 'nom', 'region'], departements.map((d) => [d.code, d.nom, d.region]))
write('communes.csv', ['code', 'nom', 'departement', 'region', 'population'],
  communes.map((c) => [c.code, c.nom, c.departement, c.region, Number.isInteger(c.population) ? c.population : 0]))

const today = new Date().toISOString().slice(0, 10)
fs.writeFileSync(path.join(out, 'SOURCE.txt'), [
  `Source: npm package ${pkg.name} ${pkg.version} (${pkg.repository})`,
  `Licence: package ${pkg.license} (Copyright (c) 2018-2019 Etalab); its README puts the data under the Licence Ouverte / Open Licence (Etalab).`,
  `Attribution: Découpage administratif, Etalab / data.gouv.fr (${pkg.name} ${pkg.version}), d'après le Code officiel géographique et les populations légales de l'INSEE.`,
  `Generated: ${today} by scripts/territoire/generate.sh`,
  'Content: current communes (type commune-actuelle) of metropolitan France and the DROM, their departements and regions.',
  `Counts: ${communes.length} communes (${withoutPopulation.length} without population, written as 0), ${departements.length} departements, ${regions.length} regions.`,
  '',
].join('\n'), 'utf8')

console.log(`${pkg.name} ${pkg.version}: ${communes.length} communes, ${departements.length} departements, ${regions.length} regions`)
console.log(`communes without population (written as 0): ${withoutPopulation.length}${withoutPopulation.length ? ': ' + withoutPopulation.join(', ') : ''}`)
JS

ls -l "$out"
du -sh "$out"
