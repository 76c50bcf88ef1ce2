package org.checkoutpipeline.stripeemulator.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.ApiRequest;
import org.checkoutpipeline.stripeemulator.api.Expand;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.store.ObjectIndex;

/** Reading the parameters of catalog requests, after {@code OperationParams} has checked them. */
final class Requests {

    private static final Set<String> EXPAND_ONLY = Set.of("expand");

    private Requests() {}

    /** A retrieve: only {@code expand} is accepted, of which {@code expandable} may be named. */
    static <T> T retrieve(ApiRequest request, String pathParam, ObjectIndex<T> index, String objectName,
            List<String> expandable) {
        request.params().requireOnly(EXPAND_ONLY, "");
        Expand.check(Expand.read(request.params()), expandable, "");
        return existing(request, pathParam, index, objectName);
    }

    static <T> T existing(ApiRequest request, String pathParam, ObjectIndex<T> index, String objectName) {
        String id = request.pathParam(pathParam);
        T object = index.get(id);
        if (object == null) {
            throw ApiError.resourceMissing(objectName, id, pathParam);
        }
        return object;
    }

    /** An array of strings, or null when absent; {@code ""} is the empty array. */
    static List<String> strings(Params p, String name) {
        List<Object> raw = p.array(name, "");
        if (raw == null) {
            return null;
        }
        var values = new ArrayList<String>(raw.size());
        raw.forEach(v -> values.add(Objects.toString(v)));
        return List.copyOf(values);
    }

    static boolean bool(Params p, String name, boolean absent) {
        Boolean value = optionalBool(p, name);
        return value == null ? absent : value;
    }

    static Boolean optionalBool(Params p, String name) {
        String value = p.nonEmptyString(name, "");
        return value == null ? null : Boolean.valueOf(value);
    }

    /** A string parameter, with {@code ""} (unset) and absence both null. */
    static String text(Params p, String name) {
        String value = p.string(name, "");
        return value == null || value.isEmpty() ? null : value;
    }

    /** On update: the new value when the parameter is present ({@code ""} unsets), else the current. */
    static String text(Params p, String name, String current) {
        return p.has(name) ? text(p, name) : current;
    }

    /**
     * Stores a new object under the request's own {@code id} when it has one (refused if taken),
     * else under {@code generated}; either way it lists in creation order.
     */
    static <T> void insert(Params p, ObjectIndex<T> index, String objectName, String generated, T object) {
        String id = p.nonEmptyString("id", "");
        if (id == null) {
            index.insert(generated, object);
            return;
        }
        if (index.get(id) != null) {
            throw ApiError.invalid("resource_already_exists", "id", objectName + " already exists.");
        }
        index.insertChosen(id, generated, object);
    }

    /** The request's own {@code id}, or the generated one. */
    static String idOf(Params p, String generated) {
        String id = p.nonEmptyString("id", "");
        return id == null ? generated : id;
    }
}
