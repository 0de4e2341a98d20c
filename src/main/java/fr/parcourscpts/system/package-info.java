/**
 * What every page shares: the home page that tells each kind of user where to go, the
 * login page, the layout and the stylesheet, and the French error pages (with the French
 * JSON errors of the APIs when no controller answered), and the one place where raw
 * values become what people read ({@code Formats}), with the display variables of the
 * agents' forms ({@code LibellesFormulaires}).
 */
package fr.parcourscpts.system;
