#!/usr/bin/env bash
# Helpers shared by bench/run.sh and bench/cpu.sh (sourced). They read RABBIT_VHOST, DB_PREFIX, WORK, MP_RABBITMQCTL and
# psql_q / say from the script that sources them.

# wait_idle NAME: waits until every event is out of the outboxes and every queue of the bench vhost is empty, so the
# next measurement does not pay for the previous one's backlog; records how long the drain took.
wait_idle() {
  local start=$SECONDS backlog
  for _ in $(seq 1 600); do
    backlog=$(( $($MP_RABBITMQCTL list_queues -q -p "$RABBIT_VHOST" name messages 2>/dev/null | awk '$1 !~ /_(error|skipped)$/ {s += $2} END {print s + 0}') \
      + $(psql_q -d "${DB_PREFIX}cases" -c "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") \
      + $(psql_q -d "${DB_PREFIX}mediators" -c "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") ))
    (( backlog == 0 )) && break
    sleep 0.5
  done
  local parked
  parked=$($MP_RABBITMQCTL list_queues -q -p "$RABBIT_VHOST" name messages 2>/dev/null | awk '$1 ~ /_(error|skipped)$/ {s += $2} END {print s + 0}')
  echo "$1 $((SECONDS - start)) $backlog $parked" >>"$WORK/drain.txt"
  (( backlog == 0 )) || say "warning: $backlog events still queued after $1"
}

# cpu_of PID: the process's user + system CPU so far, in clock ticks (getconf CLK_TCK a second)
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
