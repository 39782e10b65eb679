# Helpers shared by run.sh, test.sh and bench/run.sh (sourced, not executed).

# Creates the RSA key the gateway signs tokens with (private, mode 600) and its public half for the services.
ensure_signing_key() {
  local dir=$1
  mkdir -p "$dir"
  if [[ ! -s $dir/signing-key.pem ]]; then
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/signing-key.pem" 2>/dev/null)
  fi
  if [[ ! -s $dir/signing-key.pub.pem ]]; then
    openssl pkey -in "$dir/signing-key.pem" -pubout -out "$dir/signing-key.pub.pem" 2>/dev/null
  fi
}

# wait_ready URL SECONDS [PID...]: polls until the URL answers 200; fails early when one of the PIDs has exited.
wait_ready() {
  local url=$1 deadline=$((SECONDS + $2)) pid
  shift 2
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    (( SECONDS < deadline )) || return 1
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null || return 1; done
    sleep 0.5
  done
}
