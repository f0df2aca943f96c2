#!/usr/bin/env bash
# Turns the Civitas realm (the one the local platform and the system tests import,
# test-support/src/main/resources/keycloak/civitas-realm.json) into a production KeycloakRealmImport for the Keycloak
# Operator:
#   - drops every user with a password (the test user "operator"); the service-account users stay: they carry the
#     realm roles of the civitas-admin and civitas-auditor clients;
#   - drops the test-only client civitas-no-role;
#   - drops every client secret, so Keycloak generates new ones at import (read them in the admin console or with
#     kcadm.sh get clients/<id>/client-secret), and no secret from the repository reaches production;
#   - keeps the roles platform-admin, tenant-admin and auditor, the mappers and the other clients as they are.
# Usage: make-realm-import.sh REALM_JSON KEYCLOAK_CR_NAME > realm-import.yaml ; kubectl apply -n keycloak -f realm-import.yaml
set -euo pipefail
realm_json="${1:?usage: make-realm-import.sh REALM_JSON KEYCLOAK_CR_NAME}"
keycloak="${2:?usage: make-realm-import.sh REALM_JSON KEYCLOAK_CR_NAME}"
command -v jq >/dev/null || { echo "jq is required" >&2; exit 1; }

realm=$(jq -c '
  .users = [(.users // [])[] | select((.credentials // []) | length == 0)]
  | .clients = [(.clients // [])[] | select(.clientId != "civitas-no-role") | del(.secret)]
  | .users = [.users[] | select((.serviceAccountClientId // "") != "civitas-no-role")]
' "$realm_json")

if jq -e '[.. | objects | select(has("secret") or has("credentials"))] | length > 0' <<<"$realm" >/dev/null; then
  echo "the realm still holds secrets or credentials; refusing to write it" >&2
  exit 1
fi

cat <<YAML
apiVersion: k8s.keycloak.org/v2alpha1
kind: KeycloakRealmImport
metadata:
  name: $(jq -r .realm <<<"$realm")
spec:
  keycloakCRName: ${keycloak}
  realm: ${realm}
YAML
