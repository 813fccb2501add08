package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An object being written to an {@link ArchiveStore}: it appears only on {@link #commit()}. Closing
 * it without a commit aborts it, so a failed upload leaves nothing behind.
 */
public abstract class ArchiveUpload extends OutputStream {

    private boolean finished;

    /**
     * Stores what was written under the key. When that fails, the upload is aborted.
     *
     * @return the object's size in bytes
     */
    public final long commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("the upload is already finished");
        }
        finished = true;
        try {
            return doCommit();
        } catch (IOException | RuntimeException e) {
            try {
                doAbort();
            } catch (IOException | RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    /** Discards what was written; the key stays as it was. Nothing happens once finished. */
    public final void abort() throws IOException {
        if (!finished) {
            finished = true;
            doAbort();
        }
    }

    /** Aborts the upload unless it was committed. */
    @Override
    public final void close() throws IOException {
        abort();
    }

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            throw new IOException("the upload is already finished");
        }
        doWrite(bytes, offset, length);
    }

    protected abstract void doWrite(byte[] bytes, int offset, int length) throws IOException;

    protected abstract long doCommit() throws IOException;

    protected abstract void doAbort() throws IOException;
}
