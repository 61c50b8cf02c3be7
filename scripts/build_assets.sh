#!/usr/bin/env bash
# Rebuild the compiled GOV.UK Frontend assets committed in src/lineofsight/web/static/govuk/.
#
# Why: this is a council service, not GOV.UK, so the Sass is compiled with Arial instead of
# GDS Transport and the crown is never used. The compiled CSS, JS and images are committed so a
# fresh clone needs no Node; Node/npm is needed only when running this script to upgrade.
#
# Usage: scripts/build_assets.sh            (versions below; GOVUK_FRONTEND_VERSION to override)
set -euo pipefail

GOVUK_FRONTEND_VERSION="${GOVUK_FRONTEND_VERSION:-6.3.0}"   # matches govuk-frontend-jinja 4.1
SASS_VERSION="${SASS_VERSION:-1.108.2}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/src/lineofsight/web/static/govuk"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "npm is needed to rebuild the assets (not to run the service)." >&2; exit 2; }

cd "$work"
npm init -y >/dev/null 2>&1
npm install --no-audit --no-fund --silent \
  "govuk-frontend@$GOVUK_FRONTEND_VERSION" "sass@$SASS_VERSION" >/dev/null

# Arial, no GDS Transport @font-face; images resolved relative to the CSS file.
cat > lineofsight.scss <<'SCSS'
@use "node_modules/govuk-frontend/dist/govuk" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-include-default-font-face: false,
  $govuk-assets-path: "../"
);
SCSS

npx --no-install sass --no-source-map --style=compressed --quiet-deps \
  lineofsight.scss govuk-frontend.min.css

dist="node_modules/govuk-frontend/dist/govuk"
rm -rf "$out"
mkdir -p "$out"
# No GOV.UK images are shipped (favicons, crest and icons are crown branding): the only reference
# in the CSS is the footer's royal-arms crest, which this service never shows, so drop it too.
sed 's|url("../images/govuk-crest.svg")|none|g' govuk-frontend.min.css > "$out/govuk-frontend.min.css"
if grep -q 'url("\.\./images' "$out/govuk-frontend.min.css"; then
  echo "The compiled CSS references GOV.UK images that are not shipped; check $out." >&2; exit 1
fi
cp "$dist/govuk-frontend.min.js" "$out/"
cat > "$out/VERSION.txt" <<TXT
govuk-frontend $GOVUK_FRONTEND_VERSION (MIT licence, Copyright (c) Crown Copyright, Government Digital
Service), compiled with sass $SASS_VERSION by scripts/build_assets.sh: Arial, no GDS Transport,
no crown or crest.
TXT
echo "Wrote $(ls "$out" | wc -l) files to $out"
