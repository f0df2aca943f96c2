package io.civitas.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a packaged chart (helm package: a gzipped tar whose entries start with the chart name). The JDK reads the
 * gzip layer: Helm writes a gzip extra field that commons-compress 1.28 refuses as malformed.
 */
final class Tar {

    private Tar() {
    }

    static void extractChart(Path tgz, Path chartDir) throws IOException {
        try (InputStream in = Files.newInputStream(tgz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || entry.isDirectory()) {
                    continue;
                }
                Path target = chartDir.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(chartDir)) {
                    throw new IOException("entry outside the chart: " + name);
                }
                Files.createDirectories(target.getParent());
                Files.copy(tar, target);
            }
        }
    }
}
