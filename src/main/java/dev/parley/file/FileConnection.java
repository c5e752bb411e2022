package dev.parley.file;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.parley.platform.graphql.Connection;
import dev.parley.platform.graphql.Edge;

@Type("FileConnection")
public class FileConnection extends Connection<StoredFile, FileConnection.FileEdge> {

    public FileConnection(List<StoredFile> files, boolean hasNextPage) {
        super(edges(files, StoredFile::id, FileEdge::new), hasNextPage);
    }

    @Type("FileEdge")
    public static class FileEdge extends Edge<StoredFile> {
        FileEdge(String cursor, StoredFile node) {
            super(cursor, node);
        }
    }
}
