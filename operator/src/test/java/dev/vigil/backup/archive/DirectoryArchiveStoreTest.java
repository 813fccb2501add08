package dev.vigil.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryArchiveStoreTest {

    @TempDir Path root;

    @Test
    void anUploadIsPartialUntilCommittedThenRenamed() throws IOException {
        DirectoryArchiveStore store = new DirectoryArchiveStore(root);
        Path target = root.resolve("mongodump/a.archive.gz");

        try (ArchiveUpload upload = store.beginUpload("mongodump/a.archive.gz")) {
            upload.write(bytes("hello "));
            upload.write(bytes("dump"));

            assertThat(root.resolve("mongodump/a.archive.gz.partial")).exists();
            assertThat(target).doesNotExist();
            assertThat(store.list("")).isEmpty();

            assertThat(upload.commit()).isEqualTo(10);
        }

        assertThat(target).hasContent("hello dump");
        assertThat(root.resolve("mongodump/a.archive.gz.partial")).doesNotExist();
        assertThat(store.list("mongodump/"))
                .singleElement()
                .satisfies(
                        object -> {
                            assertThat(object.key()).isEqualTo("mongodump/a.archive.gz");
                            assertThat(object.size()).isEqualTo(10);
                        });
    }

    @Test
    void anAbortOrACloseWithoutCommitRemovesThePartialFile() throws IOException {
        DirectoryArchiveStore store = new DirectoryArchiveStore(root);
        store.put("mongodump/a.archive.gz", bytes("old"));

        try (ArchiveUpload upload = store.beginUpload("mongodump/a.archive.gz")) {
            upload.write(bytes("new"));
            upload.abort();
        }
        try (ArchiveUpload upload = store.beginUpload("mongodump/b.archive.gz")) {
            upload.write(bytes("new"));
        }

        assertThat(root.resolve("mongodump/a.archive.gz")).hasContent("old");
        assertThat(root.resolve("mongodump")).isDirectoryNotContaining("glob:**.partial");
        assertThat(store.list(""))
                .extracting(StoredObject::key)
                .containsExactly("mongodump/a.archive.gz");
    }

    @Test
    void putsOpensListsByPrefixAndDeletes() throws IOException {
        DirectoryArchiveStore store = new DirectoryArchiveStore(root);
        store.put("mongodump/a.json", bytes("{}"));
        store.put("other/b.json", bytes("[]"));

        assertThat(store.list("mongodump/"))
                .extracting(StoredObject::key)
                .containsExactly("mongodump/a.json");
        try (InputStream in = store.open("other/b.json")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("[]"));
        }

        store.delete("mongodump/a.json");
        store.delete("mongodump/never-there");

        assertThat(store.list("")).extracting(StoredObject::key).containsExactly("other/b.json");
        assertThatThrownBy(() -> store.open("mongodump/a.json"))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(store.location()).isEqualTo(root.toString());
    }

    @Test
    void aMissingRootListsNothingAndKeysStayUnderTheRoot() throws IOException {
        DirectoryArchiveStore store = new DirectoryArchiveStore(root.resolve("not-yet"));

        assertThat(store.list("")).isEmpty();
        assertThatThrownBy(() -> store.put("../escape", bytes("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("/etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
