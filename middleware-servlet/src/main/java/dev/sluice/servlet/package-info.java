/**
 * Jakarta Servlet 6 adapter: {@link dev.sluice.servlet.SluiceFilter} and {@link dev.sluice.servlet.SluiceAdminServlet}.
 * Parameters and return values are non-null unless documented otherwise.
 */
package dev.sluice.servlet;
