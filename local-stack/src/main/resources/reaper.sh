# Runs beside the local-stack launcher (bash, own session). Its stdin is a pipe from the launcher: the read below
# returns when the launcher exits, however it exits (kill -9 included, the kernel closes the pipe). Then it stops
# whatever the launcher's pid files still list, newest first, and kills what has not gone after 30 s.
# A clean launcher deletes each pid file as it stops the process, so normally there is nothing left to do.
run_dir=$1
trap '' INT TERM HUP
cat >/dev/null 2>&1
shopt -s nullglob
files=("$run_dir"/*.pid)
signalled=()
for ((i = ${#files[@]} - 1; i >= 0; i--)); do
  f=${files[i]}
  read -r pid sig marker < "$f" || continue
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$marker"; then
    name=$(basename "$f" .pid)
    echo "$(date "+%F %T") reaper: launcher gone, stopping ${name#*-} (pid $pid)"
    kill "-$sig" "$pid" 2>/dev/null && signalled+=("$pid")
  fi
  rm -f "$f"
done
for ((n = 0; n < 60 && ${#signalled[@]} > 0; n++)); do
  alive=()
  for pid in "${signalled[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
  signalled=("${alive[@]}")
  [ ${#signalled[@]} -gt 0 ] && sleep 0.5
done
[ ${#signalled[@]} -gt 0 ] && kill -KILL "${signalled[@]}" 2>/dev/null
rm -f "$run_dir/endpoints.tsv" "$run_dir/postgres.ready" "$run_dir/launcher.lock"
exit 0
