#!/bin/sh
# Import throughput benchmark (parsing only) next to the time to merely read the same bytes.
# Build first:  ./mvnw -B -o verify -pl bundles/maraude.imports -am -DskipTests
# Run:          bundles/maraude.imports/bench.sh [messages=1000000] [sms-megabytes=200]
set -e
here=$(cd "$(dirname "$0")" && pwd)
m2=${M2_REPO:-$HOME/.m2/repository}
cp="$here/target/classes:$here/../maraude.core/target/classes"
for j in com/fasterxml/jackson/core/jackson-core/2.23.0 com/fasterxml/jackson/core/jackson-databind/2.23.0 \
         com/fasterxml/jackson/core/jackson-annotations/2.23 org/jsoup/jsoup/1.24.1 \
         org/apache/james/apache-mime4j-core/0.8.13 org/apache/james/apache-mime4j-dom/0.8.13 \
         org/eclipse/platform/org.eclipse.equinox.common/3.19.200 org/eclipse/platform/org.eclipse.osgi/3.22.0 \
         commons-io/commons-io/2.19.0; do
  cp="$cp:$(ls "$m2/$j"/*.jar | grep -v sources | head -1)"
done
exec java -Xmx1g -cp "$cp" maraude.imports.bench.ImportBenchmark "$@"
