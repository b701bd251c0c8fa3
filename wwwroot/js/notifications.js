// Browser notifications for watched updates. Permission is asked only when the operator opts in;
// a click on a notification brings the dashboard forward on that update.

export function permission() {
    return 'Notification' in window ? Notification.permission : 'unsupported';
}

export async function request() {
    if (!('Notification' in window)) return 'unsupported';
    if (Notification.permission !== 'default') return Notification.permission;
    return await Notification.requestPermission();
}

export function show(dotNetRef, title, body, tag, url) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return false;
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
        window.focus();
        dotNetRef.invokeMethodAsync('Open', url).catch(() => {
            // The app has gone; the window is in front at least.
        });
        notification.close();
    };
    return true;
}
