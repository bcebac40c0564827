#!/bin/sh
# Starts a ClaimFlow service in its image on Java 25 with the JVM's AOT cache (JEP 483, 514, 515): the first run
# records the cache when the service stops (the classes it loaded and linked, and the method profiles of the work it
# did); later runs map it and compile their hot code at once instead of over their first thousands of encounters
# (docs/benchmark, issue 22: 11-25% less CPU per encounter, measured on ./stack, which does the same). The cache lives
# in $CLAIMFLOW_AOT_DIR (docker-compose.yml mounts a volume there, so it outlives the container) under the jar's name
# and checksum: a new image records its own. Without a writable directory the service starts without a cache.
set -u
app=${CLAIMFLOW_APP_JAR:-/app/app.jar}
dir=${CLAIMFLOW_AOT_DIR:-/app/aot}
id=$(cat "${app%.jar}.id" 2>/dev/null || echo app)
cache="$dir/$id.aot"

# JAVA_OPTS that choose class data sharing themselves (an operator's -Xshare, archive or cache) win: the JVM refuses
# the cache options together with them
case " ${JAVA_OPTS:-} " in
    *" -Xshare:"* | *"SharedArchiveFile"* | *"AOTCache"* | *"AOTMode"* | *"ArchiveClassesAtExit"* \
        | *"SharedClassListFile"* | *"DumpLoadedClassList"*)
        # shellcheck disable=SC2086
        exec java $JAVA_OPTS -jar "$app" ;;
esac
if [ -s "$cache" ]; then
    # shellcheck disable=SC2086
    exec java $JAVA_OPTS -XX:AOTCache="$cache" -jar "$app"
fi
if ! [ -d "$dir" ] || ! [ -w "$dir" ]; then
    # shellcheck disable=SC2086
    exec java $JAVA_OPTS -jar "$app"
fi

# Recording: the JVM writes the cache at exit, under a name of this container's (instances of a service may share
# the volume); it becomes the cache only after a clean stop, so a service killed while writing leaves none behind.
new="$dir/$id.aot.${HOSTNAME:-$$}.new"
# shellcheck disable=SC2086
java $JAVA_OPTS -XX:AOTCacheOutput="$new" -jar "$app" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
wait "$pid"
status=$?
# a stop signal interrupts the first wait; the service is then still shutting down (and writing its cache)
if kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    status=$?
fi
if { [ "$status" -eq 0 ] || [ "$status" -eq 143 ]; } && [ -s "$new" ]; then
    mv -f "$new" "$cache"
    # the caches of this service's earlier images
    for old in "$dir/${id%-*}"-*.aot; do
        [ "$old" = "$cache" ] || rm -f "$old"
    done
else
    rm -f "$new"
fi
exit "$status"
