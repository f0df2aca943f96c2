#!/usr/bin/env bash
# Labels (and, for GPU nodes, taints) the cluster's nodes from an inventory file, so that Civitas worker pools land in
# the region and data centre their residency requires:
#   topology.kubernetes.io/region=<region>   (the well-known label the chart's pools select on)
#   civitas.io/datacentre=<datacentre>       (pools with a datacentre select on it too)
#   nvidia.com/gpu=present:NoSchedule        (GPU nodes only: keeps non-GPU pods off them; Civitas GPU pools tolerate it)
# nvidia.com/gpu.product is not set here: GPU feature discovery (GPU operator) publishes it from the hardware.
#
# Usage: label-nodes.sh [--dry-run] INVENTORY      (INVENTORY: see nodes.example.tsv)
# Idempotent (--overwrite). --dry-run prints the kubectl commands instead of running them.
set -euo pipefail

dry_run=false
if [[ "${1:-}" == "--dry-run" ]]; then
  dry_run=true
  shift
fi
inventory="${1:?usage: label-nodes.sh [--dry-run] INVENTORY}"
label_value='^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$'

run() {
  if $dry_run; then
    echo "$*"
  else
    "$@"
  fi
}

line_no=0
while read -r node region datacentre gpu rest; do
  line_no=$((line_no + 1))
  [[ -z "${node:-}" || "$node" == \#* ]] && continue
  if [[ -z "${gpu:-}" || -n "${rest:-}" ]]; then
    echo "$inventory:$line_no: expected 4 columns: node region datacentre gpu" >&2
    exit 1
  fi
  for value in "$region" "$datacentre"; do
    if [[ ! "$value" =~ $label_value ]]; then
      echo "$inventory:$line_no: '$value' is not a valid label value" >&2
      exit 1
    fi
  done
  run kubectl label node "$node" --overwrite \
    "topology.kubernetes.io/region=$region" "civitas.io/datacentre=$datacentre"
  case "$gpu" in
    yes) run kubectl taint node "$node" --overwrite nvidia.com/gpu=present:NoSchedule ;;
    no) run kubectl taint node "$node" nvidia.com/gpu:NoSchedule- 2>/dev/null || true ;;
    *) echo "$inventory:$line_no: gpu must be yes or no, not '$gpu'" >&2; exit 1 ;;
  esac
done < "$inventory"
