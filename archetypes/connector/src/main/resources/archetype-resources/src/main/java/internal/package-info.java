/** The customers connector; private to the bundle. */
package ${package}.internal;
