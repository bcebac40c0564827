// Draws the KPI charts from the data-* attributes the server rendered (no inline script: the CSP forbids it).
(function () {
    function numbers(text) { return text ? text.split(',').map(Number) : []; }
    function labels(text) { return text ? text.split(',') : []; }
    var daily = document.getElementById('daily-chart');
    if (daily && window.Chart) {
        new Chart(daily, {
            type: 'bar',
            data: {
                labels: labels(daily.dataset.labels),
                datasets: [
                    { label: 'Claims submitted', data: numbers(daily.dataset.submitted), backgroundColor: '#0b5cad' },
                    { label: 'of which denied', data: numbers(daily.dataset.denied), backgroundColor: '#a3241b' }
                ]
            },
            options: { responsive: true, maintainAspectRatio: false, animation: false }
        });
        daily.setAttribute('data-rendered', 'true');
    }
    var categories = document.getElementById('category-chart');
    if (categories && window.Chart) {
        new Chart(categories, {
            type: 'bar',
            data: {
                labels: labels(categories.dataset.labels),
                datasets: [{ label: 'Denial rate %', data: numbers(categories.dataset.rates), backgroundColor: '#a3241b' }]
            },
            options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false }
        });
        categories.setAttribute('data-rendered', 'true');
    }
})();
