package io.zkinfer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every service, RPC, message, field, oneof, enum and enum value in the zkinfer.v1 protos has a
 * non-empty leading comment, read from the packaged descriptor set's source info.
 */
class ProtoCommentsTest {

    // Field numbers of the descriptor.proto elements that SourceCodeInfo paths walk through.
    private static final int FILE_MESSAGE = 4, FILE_ENUM = 5, FILE_SERVICE = 6;
    private static final int MESSAGE_FIELD = 2, MESSAGE_NESTED = 3, MESSAGE_ENUM = 4, MESSAGE_ONEOF = 8;
    private static final int ENUM_VALUE = 2, SERVICE_METHOD = 2;

    @Test
    void everyElementHasALeadingComment() {
        List<FileDescriptorProto> files = ApiDescriptors.files();
        assertEquals(7, files.size(), "zkinfer.v1 files in the descriptor set: "
                + files.stream().map(FileDescriptorProto::getName).toList());
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (FileDescriptorProto file : files) {
            assertTrue(file.hasSourceCodeInfo(), file.getName() + " has no source info in the descriptor set");
            Map<List<Integer>, String> comments = leadingComments(file.getSourceCodeInfo());
            Walker w = new Walker(file.getName(), comments, missing);
            for (int i = 0; i < file.getServiceCount(); i++) {
                checked += w.service(file.getService(i), List.of(FILE_SERVICE, i));
            }
            for (int i = 0; i < file.getMessageTypeCount(); i++) {
                checked += w.message(file.getMessageType(i), List.of(FILE_MESSAGE, i), file.getPackage());
            }
            for (int i = 0; i < file.getEnumTypeCount(); i++) {
                checked += w.enumType(file.getEnumType(i), List.of(FILE_ENUM, i), file.getPackage());
            }
        }
        if (!missing.isEmpty()) {
            fail(missing.size() + " of " + checked + " elements have no leading comment; the first: " + missing.get(0)
                    + (missing.size() > 1 ? "; all: " + missing : ""));
        }
        assertTrue(checked > 300, "only " + checked + " elements checked; is the walk complete?");
    }

    private static Map<List<Integer>, String> leadingComments(SourceCodeInfo info) {
        Map<List<Integer>, String> comments = new HashMap<>();
        for (SourceCodeInfo.Location location : info.getLocationList()) {
            if (!location.getLeadingComments().isBlank()) {
                comments.put(List.copyOf(location.getPathList()), location.getLeadingComments());
            }
        }
        return comments;
    }

    private record Walker(String file, Map<List<Integer>, String> comments, List<String> missing) {

        int service(ServiceDescriptorProto service, List<Integer> path) {
            String name = service.getName();
            int n = check(path, "service " + name);
            for (int i = 0; i < service.getMethodCount(); i++) {
                n += check(append(path, SERVICE_METHOD, i), "rpc " + name + "." + service.getMethod(i).getName());
            }
            return n;
        }

        /** Whether oneof {@code index} is the one protoc makes for a proto3 {@code optional} field (no source). */
        static boolean synthetic(DescriptorProto message, int index) {
            return message.getFieldList().stream().anyMatch(f -> f.getProto3Optional() && f.hasOneofIndex()
                    && f.getOneofIndex() == index);
        }

        int message(DescriptorProto message, List<Integer> path, String scope) {
            String name = scope + "." + message.getName();
            int n = check(path, "message " + name);
            for (int i = 0; i < message.getFieldCount(); i++) {
                n += check(append(path, MESSAGE_FIELD, i), "field " + name + "." + message.getField(i).getName());
            }
            for (int i = 0; i < message.getOneofDeclCount(); i++) {
                if (!synthetic(message, i)) {
                    n += check(append(path, MESSAGE_ONEOF, i), "oneof " + name + "." + message.getOneofDecl(i).getName());
                }
            }
            for (int i = 0; i < message.getNestedTypeCount(); i++) {
                n += message(message.getNestedType(i), append(path, MESSAGE_NESTED, i), name);
            }
            for (int i = 0; i < message.getEnumTypeCount(); i++) {
                n += enumType(message.getEnumType(i), append(path, MESSAGE_ENUM, i), name);
            }
            return n;
        }

        int enumType(EnumDescriptorProto enumType, List<Integer> path, String scope) {
            String name = scope + "." + enumType.getName();
            int n = check(path, "enum " + name);
            for (int i = 0; i < enumType.getValueCount(); i++) {
                n += check(append(path, ENUM_VALUE, i), "enum value " + name + "." + enumType.getValue(i).getName());
            }
            return n;
        }

        private int check(List<Integer> path, String what) {
            if (!comments.containsKey(path)) {
                missing.add(what + " (" + file + ")");
            }
            return 1;
        }

        private static List<Integer> append(List<Integer> path, int kind, int index) {
            List<Integer> out = new ArrayList<>(path);
            out.add(kind);
            out.add(index);
            return List.copyOf(out);
        }
    }
}
