package org.tailor.content.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.directive.Scope;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.UberspectImpl;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * The sandbox: templates may call only the methods listed here, on the only types Tailor hands
 * them (its own views, String, Number, Boolean, read-only Map and List, Velocity's loop scope).
 * Anything else, {@code getClass()} first of all, resolves to nothing, which the engine's strict
 * reference mode turns into a failed render. There is no way to a class, a class loader, reflection
 * or a static method. Stricter than Velocity's SecureUberspector, which is a deny list.
 *
 * <p>Loops also stop when the render is abandoned after its time limit (the thread is
 * interrupted), even if they write nothing, and fail rather than silently truncate when a
 * collection is longer than {@code directive.foreach.max_loops}.
 *
 * <p>Velocity instantiates this class by name; public for that reason only.
 */
public class AllowlistUberspector extends UberspectImpl {

    // No method that makes a value bigger than its inputs (concat, replace, repeat, split, add,
    // multiply): a #foreach could otherwise double a string or number until the heap is gone.
    private static final Set<String> STRING_METHODS = Set.of("length", "isEmpty", "isBlank", "substring",
            "indexOf", "lastIndexOf", "contains", "startsWith", "endsWith", "equals", "equalsIgnoreCase",
            "compareTo", "compareToIgnoreCase", "toUpperCase", "toLowerCase", "trim", "strip", "stripLeading",
            "stripTrailing", "toString");
    private static final Set<String> NUMBER_METHODS = Set.of("intValue", "longValue", "doubleValue",
            "compareTo", "equals", "signum", "setScale", "stripTrailingZeros", "toPlainString", "toString",
            "booleanValue");
    private static final Set<String> MAP_METHODS = Set.of("get", "getOrDefault", "containsKey", "containsValue",
            "isEmpty", "size", "keySet", "values", "entrySet", "equals", "toString");
    private static final Set<String> LIST_METHODS = Set.of("get", "size", "isEmpty", "contains", "indexOf",
            "lastIndexOf", "subList", "equals", "toString");
    private static final Set<String> ENTRY_METHODS = Set.of("getKey", "getValue", "toString");
    private static final Set<String> LOOP_SCOPE_METHODS = Set.of("getIndex", "getCount", "hasNext",
            "getHasNext", "isFirst", "getFirst", "isLast", "getLast", "getParent", "getTopmost", "toString");
    /** String methods whose running time grows with the product of the two lengths. */
    private static final Set<String> SEARCH_METHODS = Set.of("indexOf", "lastIndexOf", "contains");
    /** Character comparisons one text search may need at worst: some tens of milliseconds. */
    static final long MAX_SEARCH_WORK = 20_000_000L;
    private static final Set<String> PROFILE_METHODS = Set.of("get", "getId", "getEmail", "toString");
    private static final Set<String> RAW_METHODS = Set.of("get", "toString");
    private static final Set<String> FORMAT_METHODS = Set.of("date", "datetime", "money", "number", "name", "toString");

    private int maxLoops;

    @Override
    public void init() {
        super.init();
        maxLoops = rsvc.getInt(RuntimeConstants.MAX_NUMBER_LOOPS, -1);
    }

    /** Whether a template may call the named method on a value of the given type. */
    static boolean allows(Class<?> type, String method) {
        if (method == null) {
            return false;
        }
        if (type == ProfileView.class) {
            return PROFILE_METHODS.contains(method);
        }
        if (type == FormatTool.class) {
            return FORMAT_METHODS.contains(method);
        }
        if (type == RawVariables.class || type == RawHtml.class) {
            return RAW_METHODS.contains(method);
        }
        if (type == String.class) {
            return STRING_METHODS.contains(method);
        }
        if (Number.class.isAssignableFrom(type) || type == Boolean.class) {
            return NUMBER_METHODS.contains(method);
        }
        if (Scope.class.isAssignableFrom(type)) {
            return LOOP_SCOPE_METHODS.contains(method);
        }
        if (Map.class.isAssignableFrom(type)) {
            return MAP_METHODS.contains(method);
        }
        if (Map.Entry.class.isAssignableFrom(type)) {
            return ENTRY_METHODS.contains(method);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return LIST_METHODS.contains(method);
        }
        return false;
    }

    @Override
    public VelMethod getMethod(Object obj, String methodName, Object[] args, Info info) {
        if (obj == null || !allows(obj.getClass(), methodName)) {
            return null;
        }
        VelMethod method = super.getMethod(obj, methodName, args, info);
        boolean checked = obj instanceof BigDecimal || (obj instanceof String && SEARCH_METHODS.contains(methodName));
        return method != null && checked ? new CheckedMethod(method, info) : method;
    }

    @Override
    public VelPropertyGet getPropertyGet(Object obj, String identifier, Info info) {
        if (obj == null) {
            return null;
        }
        VelPropertyGet getter = super.getPropertyGet(obj, identifier, info);
        // Velocity resolves $x.name through getName(), isName(), get("name") or a public field;
        // check what it chose. A field has no method name, and fields are never allowed.
        String method;
        try {
            method = getter == null ? null : getter.getMethodName();
        } catch (RuntimeException e) {
            method = null;
        }
        return allows(obj.getClass(), method) ? getter : null;
    }

    /** Template values are read-only: {@code #set($profile.city = ...)} fails. */
    @Override
    public VelPropertySet getPropertySet(Object obj, String identifier, Object arg, Info info) {
        return null;
    }

    @Override
    public Iterator getIterator(Object obj, Info info) {
        if (!(obj instanceof Collection<?> || obj instanceof Map<?, ?> || (obj != null && obj.getClass().isArray()))) {
            return null;
        }
        Iterator<?> iterator = super.getIterator(obj, info);
        return iterator == null ? null : new GuardedIterator<>(iterator, maxLoops, info);
    }

    /**
     * Refuses a call whose arguments would make it run long without ever looking at the time
     * limit: a decimal method on a number of more than {@value TemplateContext#MAX_DIGITS} digits
     * or asked for such a scale ({@code $price.setScale(999999999)} computes a billion digits),
     * and a text search whose worst case passes {@value #MAX_SEARCH_WORK} character comparisons
     * (String.indexOf is quadratic: 262144 "a"s searched for 131071 "a"s and a "b" take minutes).
     * Null when the call is fine.
     */
    private static String refusal(Object receiver, String method, Object[] given) {
        Object[] params = given == null ? new Object[0] : given;
        if (receiver instanceof BigDecimal number) {
            if (!TemplateContext.isModest(number)) {
                return "this number has more than " + TemplateContext.MAX_DIGITS + " digits";
            }
            if (method.equals("setScale") && params.length > 0 && params[0] instanceof Number scale
                    && Math.abs(scale.longValue()) > TemplateContext.MAX_DIGITS) {
                return "setScale(" + scale + ") would give a number with more than "
                        + TemplateContext.MAX_DIGITS + " digits";
            }
        } else if (receiver instanceof String text && params.length > 0 && params[0] instanceof CharSequence pattern) {
            long n = text.length();
            long m = pattern.length();
            if (m <= n && (n - m + 1) * m > MAX_SEARCH_WORK) {
                return method + "() of a text of " + m + " characters in one of " + n
                        + " characters is too much work; search for something shorter";
            }
        }
        return null;
    }

    /** A method whose arguments {@link #refusal} checks before each call. */
    private static final class CheckedMethod implements VelMethod {

        private final VelMethod delegate;
        private final Info info;

        CheckedMethod(VelMethod delegate, Info info) {
            this.delegate = delegate;
            this.info = info;
        }

        @Override
        public Object invoke(Object o, Object[] params) throws IllegalAccessException, InvocationTargetException {
            String refusal = refusal(o, delegate.getMethodName(), params);
            if (refusal != null) {
                throw new TemplateFailure(refusal, info);
            }
            return delegate.invoke(o, params);
        }

        @Override
        public boolean isCacheable() {
            return delegate.isCacheable();
        }

        @Override
        public String getMethodName() {
            return delegate.getMethodName();
        }

        @Override
        public Method getMethod() {
            return delegate.getMethod();
        }

        @Override
        public Class<?> getReturnType() {
            return delegate.getReturnType();
        }
    }

    private static final class GuardedIterator<T> implements Iterator<T> {

        private final Iterator<T> delegate;
        private final int maxLoops;
        private final Info info;
        private int count;

        GuardedIterator(Iterator<T> delegate, int maxLoops, Info info) {
            this.delegate = delegate;
            this.maxLoops = maxLoops;
            this.info = info;
        }

        @Override
        public boolean hasNext() {
            if (Thread.currentThread().isInterrupted()) {
                throw new TemplateFailure("render interrupted (time limit reached, or the renderer is stopping)", info);
            }
            boolean more = delegate.hasNext();
            if (more && maxLoops >= 0 && count >= maxLoops) {
                throw new TemplateFailure("#foreach loop runs more than " + maxLoops + " times (max.loop.iterations)", info);
            }
            return more;
        }

        @Override
        public T next() {
            count++;
            return delegate.next();
        }
    }
}
